// Upload mode, after an expired URL or a failed upload: the whole batch is registered again for fresh URLs, a few
// times at most (nothing is spent until the certification is created).
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { findUploadingCertification } from "./find-uploading-certification";
import { registerFileUploads, type UploadTarget } from "./register-file-uploads";
import { tenantTrueScreen } from "./truescreen-account";

/** Registrations of one upload batch (the first and the re-registrations after an expired URL or a failure). */
export const MAX_UPLOAD_ATTEMPTS = 5;

export async function registerUploadsAgain(
  ctx: TenantContext,
  id: string,
  lastModified: Array<number | null> = [],
): Promise<{ id: string; targets: UploadTarget[] }> {
  const certification = await findUploadingCertification(ctx, id);
  if (certification.uploadAttempts >= MAX_UPLOAD_ATTEMPTS)
    throw new UserFacingError(
      `The upload failed ${MAX_UPLOAD_ATTEMPTS} times. Check the network and start the certification again.`,
    );
  const truescreen = await tenantTrueScreen(ctx);
  const registration = await registerFileUploads(
    truescreen,
    certification.files.map((file) => ({
      fileName: file.fileName,
      lastModified: lastModified[file.position],
    })),
  );
  const updated = await ctx.db.certification.updateMany({
    where: { id, status: "uploading" },
    data: { uploadSessionToken: registration.token, uploadAttempts: { increment: 1 } },
  });
  if (updated.count !== 1)
    throw new UserFacingError("This certification is no longer waiting for uploads.", "conflict");
  return { id, targets: registration.targets };
}
