// Chart "Claims per day": how many claims were made each UTC day of the range, by how they ended. Read from the
// per-day counts the database keeps exact (ClaimDailyCount), not by scanning the claims.
import type { TenantContext } from "@/lib/core/tenant-context";
import { addCount, type CategoryCounts, zeroCounts } from "./claim-outcome-category";
import { countsWithin, daysOf, type OverviewFilters } from "./overview-filters";

export type ClaimsDay = { day: string } & CategoryCounts;

export async function getClaimsPerDay(ctx: TenantContext, filters: OverviewFilters): Promise<ClaimsDay[]> {
  const rows = await ctx.db.$queryRaw<Array<{ day: string; label: string; count: number }>>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, label, sum(count)::int AS count
    FROM "ClaimDailyCount"
    WHERE "tenantId" = ${ctx.tenantId}::uuid AND metric = 'outcome' AND ${countsWithin(filters)}
    GROUP BY day, label`;
  const days = new Map(daysOf(filters).map((day) => [day, { day, ...zeroCounts() }]));
  for (const row of rows) {
    const day = days.get(row.day);
    if (day) addCount(day, row.label, Number(row.count));
  }
  return [...days.values()];
}
