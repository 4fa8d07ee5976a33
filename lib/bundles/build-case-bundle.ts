// A case: one evidence bundle for certifications and claims a member picked (ids, up to CASE_LIMIT), each in its own
// folder (certifications/<title>-<date>-<id>/, claims/<reference>-<date>-<id>/) with one manifest.json, VERIFY.md
// and SHA256SUMS for the whole. Any id that is malformed is refused; any id that is missing or another tenant's
// makes the whole case "not found", the same answer for both. Each item's audit trail records the download.
import { z } from "zod";
import type { Download } from "@/lib/core/download";
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { bundleManifest } from "./bundle-manifest";
import { certificationEvidence, type CertificationEvidence } from "./certification-evidence";
import { claimEvidence, type ClaimEvidence } from "./claim-evidence";
import { bundleFilingName } from "./filing-names";
import { verifyGuide } from "./verify-guide";
import { streamZipBundle, type BundleEntry } from "./zip-bundle";

export const CASE_LIMIT = 50;

export const caseBundleInput = z.object({
  ids: z
    .array(z.string().trim().toLowerCase())
    .min(1, "Pick at least one certification or claim.")
    .max(CASE_LIMIT * 4, `A case holds at most ${CASE_LIMIT} certifications and claims.`)
    .transform((ids) => [...new Set(ids.filter(Boolean))])
    .refine((ids) => ids.length >= 1, "Pick at least one certification or claim.")
    .refine(
      (ids) => ids.length <= CASE_LIMIT,
      `A case holds at most ${CASE_LIMIT} certifications and claims.`,
    )
    .refine((ids) => ids.every(isUuid), "One of the ids is not an id."),
  title: z.string().trim().max(200).optional(),
});

type Item =
  | { kind: "certification"; id: string; evidence: CertificationEvidence }
  | { kind: "claim"; id: string; evidence: ClaimEvidence };

export async function buildCaseBundle(
  ctx: TenantContext,
  input: z.input<typeof caseBundleInput>,
): Promise<Download> {
  const checked = caseBundleInput.safeParse(input);
  if (!checked.success) throw new UserFacingError(checked.error.issues[0]?.message ?? "Check the ids.");
  const { ids, title } = checked.data;
  const items: Item[] = [];
  for (const id of ids) {
    const short = id.slice(0, 8);
    const certification = await certificationEvidence(ctx, id, (base) => `certifications/${base}-${short}/`);
    if (certification) {
      items.push({ kind: "certification", id, evidence: certification });
      continue;
    }
    const claim = await claimEvidence(ctx, id, (base) => `claims/${base}-${short}/`);
    if (!claim)
      throw new UserFacingError("One of these certifications or claims was not found.", "not_found");
    items.push({ kind: "claim", id, evidence: claim });
  }
  const createdAt = new Date();
  const filename = bundleFilingName(title ?? "", createdAt, "case");
  await ctx.transaction(async (tx) => {
    for (const item of items)
      await tx.audit(
        "bundle.downloaded",
        { type: item.kind, id: item.id },
        { kind: "case", filename, items: items.length },
      );
  });

  const count = (kind: Item["kind"]) => {
    const n = items.filter((item) => item.kind === kind).length;
    return `${n} ${kind}${n === 1 ? "" : "s"}`;
  };
  async function* entries(): AsyncGenerator<BundleEntry> {
    for (const item of items) yield* item.evidence.entries();
  }
  const body = streamZipBundle({
    entries: entries(),
    async finish(files, missing) {
      return {
        manifest: {
          ...bundleManifest(ctx, "case", createdAt, files, missing),
          title: title || null,
          certifications: items.flatMap((item) =>
            item.kind === "certification" ? [item.evidence.facts(files, missing)] : [],
          ),
          claims: items.flatMap((item) => (item.kind === "claim" ? [item.evidence.facts(files)] : [])),
        },
        verify: verifyGuide({
          subject: `the case ${title ? `"${title}" ` : ""}(${count("certification")} and ${count("claim")})`,
          createdAt,
          sections: items.map((item) => item.evidence.verifySteps()),
        }),
      };
    },
  });
  return { filename, contentType: "application/zip", body };
}
