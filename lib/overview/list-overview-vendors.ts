// The vendors the overview's vendor filter offers: those with claims in the tenant, from the per-day counts.
import type { TenantContext } from "@/lib/core/tenant-context";

export const MAX_VENDOR_CHOICES = 500;

export async function listOverviewVendors(ctx: TenantContext): Promise<string[]> {
  const rows = await ctx.db.$queryRaw<Array<{ vendor: string }>>`
    SELECT vendor FROM "ClaimDailyCount"
    WHERE "tenantId" = ${ctx.tenantId}::uuid AND metric = 'outcome' AND vendor <> ''
    GROUP BY vendor
    HAVING sum(count) > 0
    ORDER BY vendor
    LIMIT ${MAX_VENDOR_CHOICES}`;
  return rows.map((row) => row.vendor);
}
