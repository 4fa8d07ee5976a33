import { requireMember } from "@/app/_auth/require-member";
import { csvCell } from "@/lib/text/csv-cell";
import { batchResultRows } from "@/lib/claims/claim-batches";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const gate = await requireMember("viewer");
  if (!gate.ok) return new Response(gate.error, { status: gate.status });
  const id = (await context.params).id;
  const rows = await batchResultRows(gate.member, id);
  if (!rows) return new Response("Not found", { status: 404 });
  const header =
    "row,cert_url,claim_id,reference,vendor,result,required_found,forbidden_found,fingerprint_match,warnings,reason\n";
  const body = rows
    .map(
      (r) =>
        [
          r.row,
          r.certUrl,
          r.claimId,
          r.reference,
          r.vendor,
          r.result,
          r.required,
          r.forbiddenFound,
          r.fingerprintMatch,
          r.warnings,
          r.reason,
        ]
          .map(csvCell)
          .join(",") + "\n",
    )
    .join("");
  return new Response(header + body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="claims-batch-${id.slice(0, 8)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
