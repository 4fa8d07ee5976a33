// What the header's bell polls (TanStack Query): the member's unread count in this tenant and the latest notices.
import { withMember } from "@/app/_auth/with-member";
import { getNoticesSummary } from "@/lib/notices/get-notices-summary";

export const GET = withMember("viewer", async (ctx) =>
  Response.json(await getNoticesSummary(ctx), { headers: { "cache-control": "no-store" } }),
);
