// A batch's progress as JSON, polled by its page while it runs.
import { withMember } from "@/app/_auth/with-member";
import { getBatchProgress } from "@/lib/claims/get-batch-progress";

export const GET = withMember<{ id: string }>("viewer", async (context, _request, { id }) => {
  const progress = await getBatchProgress(context, id);
  if (!progress) return Response.json({ error: "Not found" }, { status: 404 });
  return Response.json(progress, { headers: { "cache-control": "no-store" } });
});
