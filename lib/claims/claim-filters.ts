// The filters of the claims review table and its CSV export, from the query string, and the where clause they make.
import { z } from "zod";

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
