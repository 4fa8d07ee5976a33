// How many claims a bulk decision on a filter would decide: those matching it that are still to review. The claims
// page offers "select all N matching this filter" with this N; decideClaims decides the same set. Bounded
// (bounded-count.ts): past 10,000 the page says "more than 10,000"; the decision itself still takes every match.
import type { TenantContext } from "@/lib/core/tenant-context";
import { BOUNDED } from "./bounded-count";
import { claimWhere, UNREVIEWED, type ClaimFilters } from "./claim-filters";

export async function countDecidableClaims(context: TenantContext, filters: ClaimFilters): Promise<number> {
  return context.db.claim.count({ where: { AND: [claimWhere(filters), UNREVIEWED] }, ...BOUNDED });
}
