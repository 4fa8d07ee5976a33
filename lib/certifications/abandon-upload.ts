// The browser gave up on an upload (cancel, or an error it cannot recover from): the certification is closed as an
// error with the browser's reason. Nothing was spent.
import type { TenantContext } from "@/lib/core/tenant-context";
import { findUploadingCertification } from "./find-uploading-certification";

export async function abandonUpload(ctx: TenantContext, id: string, reason: string): Promise<void> {
  await findUploadingCertification(ctx, id);
  await ctx.transaction(async (tx) => {
    const updated = await tx.db.certification.updateMany({
      where: { id, status: "uploading" },
      data: { status: "error", errorMessage: reason.slice(0, 500) },
    });
    if (updated.count !== 1) return;
    await tx.audit(
      "certification.upload_abandoned",
      { type: "certification", id },
      { reason: reason.slice(0, 200) },
    );
  });
}
