// Current statuses of some certifications, for the live list and detail page (TanStack Query polls this).
import { requireMember } from "@/app/_auth/require-member";
import { certificationStatuses } from "@/lib/certifications/list-certifications";

export async function GET(request: Request) {
  const gate = await requireMember("viewer");
  if (!gate.ok) return Response.json({ error: gate.error }, { status: gate.status });
  const ids = (new URL(request.url).searchParams.get("ids") ?? "").split(",").filter(Boolean);
  const rows = await certificationStatuses(gate.member, ids);
  return Response.json(
    rows.map((row) => ({ id: row.id, status: row.status, archived: Boolean(row.archivedAt) })),
    { headers: { "cache-control": "no-store" } },
  );
}
