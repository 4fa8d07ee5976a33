// CSV of the filtered claims, streamed page by page. Members of the tenant only; the export is audited.
import { requireMember } from "@/app/_auth/require-member";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { claimCsvLine, CLAIM_CSV_HEADER } from "@/lib/claims/claims-csv";
import { claimFilters, listClaims, type ClaimCursor } from "@/lib/claims/list-claims";

export async function GET(request: Request) {
  const gate = await requireMember("viewer");
  if (!gate.ok) return new Response(gate.error, { status: gate.status });
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v));
  const parsed = claimFilters.safeParse(params);
  if (!parsed.success)
    return new Response(parsed.error.issues[0]?.message ?? "Check the filters.", { status: 400 });
  const { member } = gate;
  await appendAuditEntry({
    tenantId: member.tenantId,
    actorId: member.actorId,
    actorEmail: member.actorEmail,
    action: "claims.exported",
    targetType: "claims",
    details: { filters: parsed.data },
  });
  const encoder = new TextEncoder();
  let cursor: ClaimCursor | null = null;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CLAIM_CSV_HEADER));
    },
    async pull(controller) {
      if (done) return controller.close();
      const page = await listClaims(member, parsed.data, cursor, 1000);
      controller.enqueue(encoder.encode(page.rows.map(claimCsvLine).join("")));
      if (!page.next) done = true;
      else {
        const last = page.rows[page.rows.length - 1]!;
        cursor = { createdAt: last.createdAt.toISOString(), id: last.id };
      }
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="certdesk-claims-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
