// A batch's results CSV (every row of the file with what became of it), as a download.
import { withMember } from "@/app/_auth/with-member";
import { getBatchResultsCsv } from "@/lib/claims/get-batch-results-csv";

export const GET = withMember<{ id: string }>("viewer", async (context, _request, { id }) => {
  const results = await getBatchResultsCsv(context, id);
  if (!results) return new Response("Not found", { status: 404 });
  return new Response(results.csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${results.fileName}"`,
      "cache-control": "no-store",
    },
  });
});
