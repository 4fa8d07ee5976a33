// A claim's evidence bundle, `<reference>-<date>-evidence.zip`: Certdesk's record of the claim (4.0 facts and
// verdict included), what it read in TrustedForm's answer (scans, Verify), the raw answer when it came from
// TrustedForm, the decision history from the audit log, manifest.json, VERIFY.md and SHA256SUMS. Audited
// (`bundle.downloaded`); another tenant's id is "not found" like a missing one.
import type { Download } from "@/lib/core/download";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { bundleManifest } from "./bundle-manifest";
import { claimEvidence } from "./claim-evidence";
import { verifyGuide } from "./verify-guide";
import { streamZipBundle } from "./zip-bundle";

export async function buildClaimBundle(ctx: TenantContext, id: string): Promise<Download> {
  const evidence = await claimEvidence(ctx, id);
  if (!evidence) throw new UserFacingError("That claim was not found.", "not_found");
  const filename = `${evidence.base}-evidence.zip`;
  const createdAt = new Date();
  await ctx.audit("bundle.downloaded", { type: "claim", id }, { kind: "claim", filename });
  const body = streamZipBundle({
    entries: evidence.entries(),
    async finish(files, missing) {
      return {
        manifest: {
          ...bundleManifest(ctx, "claim", createdAt, files, missing),
          claim: evidence.facts(files),
        },
        verify: verifyGuide({
          subject: `the ${evidence.subject}`,
          createdAt,
          sections: [evidence.verifySteps()],
        }),
      };
    },
  });
  return { filename, contentType: "application/zip", body };
}
