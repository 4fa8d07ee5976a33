import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import { isUuid } from "@/lib/core/ids";
import type { ArtifactChecks } from "./check-artifacts";

export async function getCertificationDetail(scope: TenantScope, id: string) {
  if (!isUuid(id)) return null;
  const certification = await tenantDb(scope).certification.findFirst({
    where: { id },
    include: {
      files: { orderBy: { position: "asc" } },
      artifacts: { orderBy: [{ type: "asc" }, { position: "asc" }] },
    },
  });
  if (!certification) return null;
  return { ...certification, checks: certification.checks as ArtifactChecks | null };
}
