// The claims review table: filters, and keyset pagination on (createdAt, id) so that a page costs the same at
// the first claim and the millionth.
import type { TenantContext } from "@/lib/core/tenant-context";
import { afterCursor, keysetPage, NEWEST_FIRST, type KeysetCursor } from "@/lib/core/keyset";
import { claimWhere, type ClaimFilters } from "./claim-filters";

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
  apiVersion: true,
  verdict: true,
  verdictRules: true,
  emailMatch: true,
  phoneMatch: true,
  retainedUntil: true,
  botDetected: true,
  oneToOne: true,
  languageApproved: true,
  secondsOnPage: true,
} as const;

/** The columns of a claims row (the table, the CSV exports). */
export { select as claimRowSelect };
export type { KeysetCursor as ClaimCursor } from "@/lib/core/keyset";
export { decodeCursor, encodeCursor } from "@/lib/core/keyset";

export async function listClaims(
  context: TenantContext,
  filters: ClaimFilters,
  after: KeysetCursor | null,
  limit = 50,
) {
  const rows = await context.db.claim.findMany({
    where: { AND: [claimWhere(filters), afterCursor(after)] },
    orderBy: NEWEST_FIRST,
    take: limit + 1,
    select,
  });
  return keysetPage(rows, limit);
}
