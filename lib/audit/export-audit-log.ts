// The audit log as CSV or JSON Lines, filtered like the page, streamed in batches. The export itself is audited first.
import { type Download, streamOfLines } from "@/lib/core/download";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { eachAuditEntry } from "./each-audit-entry";
import { auditCsvLine, auditJsonLine, CSV_HEADER } from "./format-audit-export";
import { auditFilters } from "./list-audit-entries";

export async function exportAuditLog(context: TenantContext, query: URLSearchParams): Promise<Download> {
  const format = query.get("format") === "jsonl" ? "jsonl" : "csv";
  const parsed = auditFilters.safeParse({
    actor: query.get("actor") || undefined,
    action: query.get("action") || undefined,
    target: query.get("target") || undefined,
    from: query.get("from") || undefined,
    to: query.get("to") || undefined,
  });
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? "Check the filters.");
  await context.audit("audit.exported", { type: "audit_log" }, { format, filters: parsed.data });
  const rows = eachAuditEntry(context, parsed.data);
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    filename: `certdesk-audit-${stamp}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    body: streamOfLines(format === "csv" ? CSV_HEADER : "", async () => {
      const next = await rows.next();
      if (next.done) return null;
      return format === "csv" ? auditCsvLine(next.value) : auditJsonLine(next.value);
    }),
  };
}
