// A certification's evidence bundle, `<title>-<date>-evidence.zip`: its archived artifacts, TrueScreen's copies of
// the originals when kept, the signer's certificate, its audit entries, manifest.json, VERIFY.md and SHA256SUMS,
// streamed (zip-bundle.ts). The download is audited (`bundle.downloaded`) before a byte is sent; another tenant's id
// is "not found" like a missing one.
import type { Download } from "@/lib/core/download";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { bundleManifest } from "./bundle-manifest";
import { certificationEvidence } from "./certification-evidence";
import { verifyGuide } from "./verify-guide";
import { streamZipBundle } from "./zip-bundle";

export async function buildCertificationBundle(ctx: TenantContext, id: string): Promise<Download> {
  const evidence = await certificationEvidence(ctx, id);
  if (!evidence) throw new UserFacingError("That certification was not found.", "not_found");
  const filename = `${evidence.base}-evidence.zip`;
  const createdAt = new Date();
  await ctx.audit(
    "bundle.downloaded",
    { type: "certification", id: evidence.certification.id },
    { kind: "certification", filename },
  );
  const body = streamZipBundle({
    entries: evidence.entries(),
    async finish(files, missing) {
      return {
        manifest: {
          ...bundleManifest(ctx, "certification", createdAt, files, missing),
          certification: evidence.facts(files, missing),
        },
        verify: verifyGuide({
          subject: `the certification "${evidence.certification.title}"`,
          createdAt,
          sections: [evidence.verifySteps()],
        }),
      };
    },
  });
  return { filename, contentType: "application/zip", body };
}
