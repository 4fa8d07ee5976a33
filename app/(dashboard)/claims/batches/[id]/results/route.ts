// A batch's results CSV (every row of the file with what became of it), as a download.
import { downloadResponse } from "@/app/_auth/download-response";
import { withMember } from "@/app/_auth/with-member";
import { getBatchResultsCsv } from "@/lib/claims/get-batch-results-csv";

export const GET = withMember<{ id: string }>("viewer", async (context, _request, { id }) => {
  const results = await getBatchResultsCsv(context, id);
  return results ? downloadResponse(results) : new Response("Not found", { status: 404 });
});
