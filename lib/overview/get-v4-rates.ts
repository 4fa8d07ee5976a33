// Rates "1:1 consent / bot / consent language" (TrustedForm 4.0): of the range's 4.0 claims that TrustedForm answered
// with each fact, how many had 1:1 consent false, a bot detected, the consent language not approved. A claim whose
// answer lacked the fact (not asked, not returned) is not in that rate's denominator.
import type { TenantContext } from "@/lib/core/tenant-context";
import { countsWithin, type OverviewFilters } from "./overview-filters";

export interface Rate {
  /** Claims with the bad value. */
  count: number;
  /** Claims whose answer had the fact at all. */
  of: number;
}

export interface V4Rates {
  /** 4.0 claims of the range (any status). */
  v4Claims: number;
  oneToOneFalse: Rate;
  botDetected: Rate;
  languageNotApproved: Rate;
}

export async function getV4Rates(ctx: TenantContext, filters: OverviewFilters): Promise<V4Rates> {
  const rows = await ctx.db.$queryRaw<Array<{ label: string; count: number }>>`
    SELECT label, sum(count)::int AS count
    FROM "ClaimDailyCount"
    WHERE "tenantId" = ${ctx.tenantId}::uuid AND metric = 'v4' AND ${countsWithin(filters)}
    GROUP BY label`;
  const n = (label: string) => Number(rows.find((row) => row.label === label)?.count ?? 0);
  const rate = (label: string) => ({ count: n(label), of: n(`${label}Of`) });
  return {
    v4Claims: n("claims"),
    oneToOneFalse: rate("oneToOneFalse"),
    botDetected: rate("botDetected"),
    languageNotApproved: rate("languageNotApproved"),
  };
}
