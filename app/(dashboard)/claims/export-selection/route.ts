// CSV of a selection on the claims list (lib/claims/export-claim-selection-csv.ts). POST, as the list's form sends
// it: `ids` (repeated or comma-separated) or `allMatching=1`, `filter` (the page's query string), `view` (a saved
// view's id). A body over 64 KB is refused unread.
import { downloadResponse } from "@/app/_auth/download-response";
import { withMember } from "@/app/_auth/with-member";
import { exportClaimSelectionCsv } from "@/lib/claims/export-claim-selection-csv";

const MAX_BODY = 64 * 1024;

export const POST = withMember("viewer", async (ctx, request) => {
  const length = Number(request.headers.get("content-length") ?? NaN);
  if (!Number.isFinite(length) || length > MAX_BODY)
    return new Response("Send the selection in a body of at most 64 KB, with its length.", { status: 413 });
  const form = await request.formData().catch(() => null);
  const text = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const ids = (form?.getAll("ids") ?? [])
    .filter((id): id is string => typeof id === "string")
    .flatMap((id) => id.split(/[\s,]+/))
    .filter(Boolean);
  const filter = Object.fromEntries(new URLSearchParams(text("filter") ?? ""));
  return downloadResponse(
    await exportClaimSelectionCsv(ctx, {
      ids: ids.length ? ids : undefined,
      filter,
      allMatching: text("allMatching") === "1",
      view: text("view") || undefined,
    }),
  );
});
