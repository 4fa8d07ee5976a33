// One certification of this tenant with its files and archived artifacts, for its page and its downloads; null for a
// malformed, missing or foreign id alike.
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import type { ArtifactChecks } from "./check-artifacts";

export async function getCertificationDetail(ctx: TenantContext, id: string) {
  if (!isUuid(id)) return null;
  const certification = await ctx.db.certification.findFirst({
    where: { id },
    include: {
      files: { orderBy: { position: "asc" } },
      artifacts: { orderBy: [{ type: "asc" }, { position: "asc" }] },
    },
  });
  if (!certification) return null;
  return { ...certification, checks: certification.checks as ArtifactChecks | null };
}
