import { requireMember } from "@/app/_auth/require-member";
import { getBatchProgress } from "@/lib/claims/claim-batches";

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const gate = await requireMember("viewer");
  if (!gate.ok) return Response.json({ error: gate.error }, { status: gate.status });
  const progress = await getBatchProgress(gate.member, (await context.params).id);
  if (!progress) return Response.json({ error: "Not found" }, { status: 404 });
  return Response.json(progress, { headers: { "cache-control": "no-store" } });
}
