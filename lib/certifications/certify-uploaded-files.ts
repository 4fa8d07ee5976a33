// Upload mode, last step: every file is uploaded; TrueScreen is asked to create the certification (this spends the
// credits). Only one request may move it from uploading to creating, so a double submit cannot create it twice.
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { createFileCertification } from "@/lib/truescreen/client";
import { callTrueScreenCreate } from "./call-truescreen-create";
import { findUploadingCertification } from "./find-uploading-certification";
import { settleCertification, type CreateResult } from "./settle-certification";
import { tenantTrueScreen } from "./truescreen-account";

export async function certifyUploadedFiles(ctx: TenantContext, id: string): Promise<CreateResult> {
  const certification = await findUploadingCertification(ctx, id);
  const truescreen = await tenantTrueScreen(ctx);
  const moved = await ctx.db.certification.updateMany({
    where: { id, status: "uploading" },
    data: { status: "creating" },
  });
  if (moved.count !== 1)
    throw new UserFacingError("This certification is no longer waiting for uploads.", "conflict");
  const outcome = await callTrueScreenCreate(truescreen.environment, () =>
    createFileCertification(truescreen.account, {
      title: certification.title,
      upload_session_token: certification.uploadSessionToken!,
      webhook_url: truescreen.webhookUrlFor(id),
      generate_pdf_report: certification.generatePdfReport,
      ...(Object.keys(certification.metadata as object).length
        ? { metadata: certification.metadata as Record<string, string> }
        : {}),
    }),
  );
  return settleCertification(ctx, id, outcome);
}
