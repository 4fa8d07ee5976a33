// CSV of the filtered claims, streamed page by page, as a download. Members of the tenant only; the export is
// audited (lib/claims/export-claims-csv.ts).
import { withMember } from "@/app/_auth/with-member";
import { exportClaimsCsv } from "@/lib/claims/export-claims-csv";

export const GET = withMember("viewer", async (context, request) => {
  const stream = await exportClaimsCsv(context, new URL(request.url).searchParams);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="certdesk-claims-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
