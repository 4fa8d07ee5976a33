// Upload mode, step 1: saves the certification (status `uploading`, nothing spent) and registers its files. The
// browser PUTs each file to its URL; no byte passes through Certdesk.
import type { z } from "zod";
import type { TenantContext } from "@/lib/core/tenant-context";
import type { fileCertificationInput } from "./certification-input";
import { registerFileUploads, type UploadTarget } from "./register-file-uploads";
import { saveCertificationIntent } from "./save-certification-intent";
import { tenantTrueScreen } from "./truescreen-account";

export async function startFileCertification(
  ctx: TenantContext,
  input: z.output<typeof fileCertificationInput>,
): Promise<{ id: string; targets: UploadTarget[] }> {
  const truescreen = await tenantTrueScreen(ctx);
  const registration = await registerFileUploads(
    truescreen,
    input.files.map((file) => ({ fileName: file.name, lastModified: file.lastModified })),
  );
  const id = await saveCertificationIntent(ctx, {
    title: input.title,
    mode: "file",
    status: "uploading",
    generatePdfReport: input.generatePdfReport,
    metadata: input.metadata,
    files: input.files.map((file) => ({ fileName: file.name, size: file.size, mimeType: file.type })),
  });
  await ctx.db.certification.update({
    where: { id },
    data: { uploadSessionToken: registration.token, uploadAttempts: 1 },
  });
  return { id, targets: registration.targets };
}
