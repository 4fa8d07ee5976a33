// The signed-in member's notices in this tenant, newest first, a page at a time (keyset on createdAt, id).
import { memberOf } from "@/lib/core/actor";
import { isUuid } from "@/lib/core/ids";
import type { TenantContext } from "@/lib/core/tenant-context";
import { NOTICE_VIEW_SELECT, noticeView, type NoticeView } from "./notice-view";

export const NOTICES_PAGE_SIZE = 50;

export async function listNotices(
  ctx: TenantContext,
  options: { before?: string | null; unreadOnly?: boolean } = {},
): Promise<{ notices: NoticeView[]; next: string | null }> {
  const { userId } = memberOf(ctx.actor);
  const cursor =
    options.before && isUuid(options.before)
      ? await ctx.db.notification.findFirst({
          where: { id: options.before, userId },
          select: { id: true, createdAt: true },
        })
      : null;
  const rows = await ctx.db.notification.findMany({
    where: {
      userId,
      inApp: true,
      ...(options.unreadOnly ? { readAt: null } : {}),
      ...(cursor
        ? {
            OR: [
              { createdAt: { lt: cursor.createdAt } },
              { createdAt: cursor.createdAt, id: { lt: cursor.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTICES_PAGE_SIZE + 1,
    select: NOTICE_VIEW_SELECT,
  });
  const page = rows.slice(0, NOTICES_PAGE_SIZE);
  return {
    notices: page.map(noticeView),
    next: rows.length > NOTICES_PAGE_SIZE ? page[page.length - 1]!.id : null,
  };
}
