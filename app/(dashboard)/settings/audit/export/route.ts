// CSV or JSON Lines of the filtered audit log, streamed in batches. Admins only; the export itself is audited.
import { requireMember } from "@/app/_auth/require-member";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { auditCsvLine, auditJsonLine, CSV_HEADER } from "@/lib/audit/format-audit-export";
import { auditFilters, eachAuditEntry } from "@/lib/audit/list-audit-entries";

export async function GET(request: Request) {
  const gate = await requireMember("admin");
  if (!gate.ok)
    return new Response(gate.error, {
      status: gate.status,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const format = params.format === "jsonl" ? "jsonl" : "csv";
  const parsed = auditFilters.safeParse({
    actor: params.actor || undefined,
    action: params.action || undefined,
    target: params.target || undefined,
    from: params.from || undefined,
    to: params.to || undefined,
  });
  if (!parsed.success)
    return new Response(parsed.error.issues[0]?.message ?? "Check the filters.", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const { member } = gate;
  await appendAuditEntry({
    tenantId: member.tenantId,
    actorId: member.actorId,
    actorEmail: member.actorEmail,
    action: "audit.exported",
    targetType: "audit_log",
    details: { format, filters: parsed.data },
  });

  const encoder = new TextEncoder();
  const rows = eachAuditEntry(member, parsed.data);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "csv") controller.enqueue(encoder.encode(CSV_HEADER));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) return controller.close();
      controller.enqueue(
        encoder.encode(format === "csv" ? auditCsvLine(next.value) : auditJsonLine(next.value)),
      );
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="certdesk-audit-${stamp}.${format === "csv" ? "csv" : "jsonl"}"`,
      "cache-control": "no-store",
    },
  });
}
