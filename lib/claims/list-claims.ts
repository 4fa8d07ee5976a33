// The claims review table: filters, and keyset pagination on (createdAt, id) so that a page costs the same at
// the first claim and the millionth.
import { z } from "zod";
import { afterCursor, keysetPage, NEWEST_FIRST, type KeysetCursor } from "@/lib/db/keyset";
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD.");

export const claimFilters = z.object({
  outcome: z.enum(["success", "failure", "error", "unknown"]).optional(),
  vendor: z.string().trim().max(200).optional(),
  batch: z.uuid({ message: "That batch id is not valid." }).optional(),
  warnings: z.enum(["yes"]).optional(),
  mismatch: z.enum(["yes"]).optional(),
  forbidden: z.enum(["yes"]).optional(),
  from: day.optional(),
  to: day.optional(),
});
export type ClaimFilters = z.infer<typeof claimFilters>;

export function claimWhere(filters: ClaimFilters) {
  const and: object[] = [];
  if (filters.outcome === "success" || filters.outcome === "failure") and.push({ outcome: filters.outcome });
  if (filters.outcome === "error") and.push({ status: "failed" });
  if (filters.outcome === "unknown") and.push({ status: { in: ["unknown", "sending"] } });
  if (filters.vendor) and.push({ vendor: filters.vendor });
  if (filters.batch) and.push({ batchId: filters.batch });
  if (filters.warnings) and.push({ hasWarnings: true });
  if (filters.mismatch) and.push({ fingerprintMatch: false });
  if (filters.forbidden) and.push({ forbiddenFound: { gt: 0 } });
  if (filters.from) and.push({ createdAt: { gte: new Date(`${filters.from}T00:00:00Z`) } });
  if (filters.to)
    and.push({ createdAt: { lt: new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000) } });
  return and.length ? { AND: and } : {};
}

const select = {
  id: true,
  certId: true,
  vendor: true,
  reference: true,
  status: true,
  outcome: true,
  requiredFound: true,
  requiredTotal: true,
  forbiddenFound: true,
  fingerprintMatch: true,
  warnings: true,
  decision: true,
  errorMessage: true,
  claimedAt: true,
  createdAt: true,
} as const;

export type { KeysetCursor as ClaimCursor } from "@/lib/db/keyset";
export { decodeCursor, encodeCursor } from "@/lib/db/keyset";

export async function listClaims(
  scope: TenantScope,
  filters: ClaimFilters,
  after: KeysetCursor | null,
  limit = 50,
) {
  const rows = await tenantDb(scope).claim.findMany({
    where: { AND: [claimWhere(filters), afterCursor(after)] },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select,
  });
  return keysetPage(rows, limit);
}

export async function listVendors(scope: TenantScope): Promise<string[]> {
  const rows = await tenantDb(scope).claim.groupBy({
    by: ["vendor"],
    where: { vendor: { not: null } },
    orderBy: { vendor: "asc" },
    take: 200,
  });
  return rows.map((row) => row.vendor!).filter(Boolean);
}
