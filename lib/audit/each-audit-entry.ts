import type { TenantContext } from "@/lib/core/tenant-context";
import { listAuditEntries, type AuditFilters, type AuditRow } from "./list-audit-entries";

/** Every matching entry, newest first, in batches (for exports). */
export async function* eachAuditEntry(
  context: TenantContext,
  filters: AuditFilters,
  batch = 1000,
): AsyncGenerator<AuditRow> {
  let before: number | undefined;
  for (;;) {
    const page = await listAuditEntries(context, filters, { before, limit: batch });
    yield* page.rows;
    if (page.olderCursor === null) return;
    before = page.olderCursor;
  }
}
