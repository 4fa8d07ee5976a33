// Chart "Outcome share by vendor": the vendors with the most claims in the range, each with its claims by how they
// ended (claims without a vendor as vendor null); the remaining vendors are added up as "others" so the shares stay
// whole.
import type { TenantContext } from "@/lib/core/tenant-context";
import {
  addCount,
  CLAIM_CATEGORIES,
  type CategoryCounts,
  totalOf,
  zeroCounts,
} from "./claim-outcome-category";
import { countsWithin, type OverviewFilters } from "./overview-filters";

export const TOP_VENDORS = 10;

export type VendorRow = { vendor: string | null; total: number } & CategoryCounts;

export interface VendorOutcomes {
  top: VendorRow[];
  /** Vendors beyond the top ones, added up; null when there are none. */
  others: ({ vendors: number; total: number } & CategoryCounts) | null;
}

export async function getVendorOutcomes(
  ctx: TenantContext,
  filters: OverviewFilters,
): Promise<VendorOutcomes> {
  const rows = await ctx.db.$queryRaw<Array<{ vendor: string; label: string; count: number }>>`
    SELECT vendor, label, sum(count)::int AS count
    FROM "ClaimDailyCount"
    WHERE "tenantId" = ${ctx.tenantId}::uuid AND metric = 'outcome' AND ${countsWithin(filters)}
    GROUP BY vendor, label
    HAVING sum(count) <> 0`;
  const vendors = new Map<string, CategoryCounts>();
  for (const row of rows) {
    const counts = vendors.get(row.vendor) ?? zeroCounts();
    addCount(counts, row.label, Number(row.count));
    vendors.set(row.vendor, counts);
  }
  const ranked: VendorRow[] = [...vendors]
    .map(([vendor, counts]) => ({ vendor: vendor === "" ? null : vendor, total: totalOf(counts), ...counts }))
    .filter((row) => row.total > 0)
    .sort(
      (a, b) =>
        b.total - a.total ||
        Number(a.vendor === null) - Number(b.vendor === null) ||
        ((a.vendor ?? "") < (b.vendor ?? "") ? -1 : 1),
    );
  const rest = ranked.slice(TOP_VENDORS);
  if (!rest.length) return { top: ranked, others: null };
  const others = { vendors: rest.length, total: 0, ...zeroCounts() };
  for (const row of rest) {
    others.total += row.total;
    for (const key of CLAIM_CATEGORIES) others[key] += row[key];
  }
  return { top: ranked.slice(0, TOP_VENDORS), others };
}
