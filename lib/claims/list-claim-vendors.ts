// The vendors named on the tenant's claims, for the claims table's vendor filter (at most 200, alphabetical).
import type { TenantContext } from "@/lib/core/tenant-context";

export async function listClaimVendors(context: TenantContext): Promise<string[]> {
  const rows = await context.db.claim.groupBy({
    by: ["vendor"],
    where: { vendor: { not: null } },
    orderBy: { vendor: "asc" },
    take: 200,
  });
  return rows.map((row) => row.vendor!).filter(Boolean);
}
