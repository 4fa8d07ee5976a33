// How many claims a bulk decision on a filter would decide: those matching it that are still to review. The claims
// page offers "select all N matching this filter" with this N; decideClaims decides the same set.
import type { TenantContext } from "@/lib/core/tenant-context";
import { claimWhere, UNREVIEWED, type ClaimFilters } from "./claim-filters";

export async function countDecidableClaims(context: TenantContext, filters: ClaimFilters): Promise<number> {
  return context.db.claim.count({ where: { AND: [claimWhere(filters), UNREVIEWED] } });
}
