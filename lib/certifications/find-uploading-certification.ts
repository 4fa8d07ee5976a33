// Upload mode's later steps (register again, certify, abandon) act only on a certification still waiting for its
// uploads: any other is refused as a conflict, so a late or repeated request changes nothing.
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { findCertificationWithFiles } from "./find-certification-with-files";

export async function findUploadingCertification(ctx: TenantContext, id: string) {
  const certification = await findCertificationWithFiles(ctx, id);
  if (certification.mode !== "file" || certification.status !== "uploading")
    throw new UserFacingError("This certification is no longer waiting for uploads.", "conflict");
  return certification;
}
