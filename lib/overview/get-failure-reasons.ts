// Table "Top failure reasons": why claims of the range did not succeed. A claim that was not claimed (status failed)
// gives its error message; a claim whose outcome was failure gives TrustedForm's reason (4.0 `reason`), else the
// consent-language scan's finding (forbidden terms found, required terms missing), else its review note. The
// database sorts each claim so (certdesk_claim_overview_facts), reasons cut to 200 characters.
import type { TenantContext } from "@/lib/core/tenant-context";
import { countsWithin, type OverviewFilters } from "./overview-filters";

export const TOP_REASONS = 10;

export interface FailureReasons {
  /** Claims of the range that failed or were not claimed. */
  total: number;
  reasons: Array<{ reason: string; count: number }>;
}

export async function getFailureReasons(
  ctx: TenantContext,
  filters: OverviewFilters,
): Promise<FailureReasons> {
  const rows = await ctx.db.$queryRaw<Array<{ reason: string; count: number; total: number }>>`
    SELECT label AS reason, sum(count)::int AS count, sum(sum(count)) OVER ()::int AS total
    FROM "ClaimDailyCount"
    WHERE "tenantId" = ${ctx.tenantId}::uuid AND metric = 'reason' AND ${countsWithin(filters)}
    GROUP BY label
    HAVING sum(count) <> 0
    ORDER BY count DESC, reason ASC
    LIMIT ${TOP_REASONS}`;
  return {
    total: Number(rows[0]?.total ?? 0),
    reasons: rows.map((row) => ({ reason: row.reason, count: Number(row.count) })),
  };
}
