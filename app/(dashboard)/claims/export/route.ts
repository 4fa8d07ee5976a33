// CSV of the filtered claims, streamed page by page. Members of the tenant only; the export is audited
// (lib/claims/export-claims-csv.ts).
import { downloadResponse } from "@/app/_auth/download-response";
import { withMember } from "@/app/_auth/with-member";
import { exportClaimsCsv } from "@/lib/claims/export-claims-csv";

export const GET = withMember("viewer", async (context, request) =>
  downloadResponse(await exportClaimsCsv(context, new URL(request.url).searchParams)),
);
