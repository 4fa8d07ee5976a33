// The CSV of the tenant's filtered claims, streamed page by page (1,000 claims a page, keyset), so that a large
// export never sits in memory. The export is audited ("claims.exported", with its filters) before the first byte.
import type { AuditTarget, TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { claimFilters } from "./claim-filters";
import { CLAIM_CSV_HEADER, formatClaimCsvLine } from "./format-claim-csv-line";
import { listClaims, type ClaimCursor } from "./list-claims";

// The audit target is the filtered set, which has no one id: targetType "claims", targetId null, as before. (The cast
// stands until AuditTarget's id may be left out.)
const FILTERED_CLAIMS = { type: "claims" } as AuditTarget;

/** `query`: the filters as the claims page writes them in its URL; empty values are ignored. */
export async function exportClaimsCsv(
  context: TenantContext,
  query: URLSearchParams,
): Promise<ReadableStream<Uint8Array>> {
  const parsed = claimFilters.safeParse(Object.fromEntries([...query].filter(([, value]) => value)));
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? "Check the filters.");
  const filters = parsed.data;
  await context.audit("claims.exported", FILTERED_CLAIMS, { filters });
  const encoder = new TextEncoder();
  let cursor: ClaimCursor | null = null;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CLAIM_CSV_HEADER));
    },
    async pull(controller) {
      if (done) return controller.close();
      const page = await listClaims(context, filters, cursor, 1000);
      controller.enqueue(encoder.encode(page.rows.map(formatClaimCsvLine).join("")));
      if (!page.next) done = true;
      else {
        const last = page.rows[page.rows.length - 1]!;
        cursor = { createdAt: last.createdAt.toISOString(), id: last.id };
      }
    },
  });
}
