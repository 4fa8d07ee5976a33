// A hash certification that failed (TS-014 and the like) or whose create answer was lost (after the user checked the
// portal) is certified again as a new certification with the same title, hashes, metadata and PDF choice. The user
// confirms first: this spends credits.
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { hashCertificationInput } from "./certification-input";
import { certifyHashes } from "./certify-hashes";
import { findCertificationWithFiles } from "./find-certification-with-files";
import type { CreateResult } from "./settle-certification";

export async function certifyHashesAgain(ctx: TenantContext, id: string): Promise<CreateResult> {
  const previous = await findCertificationWithFiles(ctx, id);
  if (previous.mode !== "hash" || !["error", "unknown"].includes(previous.status))
    throw new UserFacingError(
      "Only a hash certification that failed or whose answer was lost can be certified again from here.",
      "conflict",
    );
  const metadata = previous.metadata as Record<string, string>;
  return certifyHashes(
    ctx,
    hashCertificationInput.parse({
      title: previous.title,
      generatePdfReport: previous.generatePdfReport,
      metadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      files: previous.files.map((file) => ({ name: file.fileName, sha256: file.sha256 })),
    }),
  );
}
