// What the bell polls: the signed-in member's unread count in this tenant and the latest few notices. Two index reads
// ((tenantId, userId, readAt) and (tenantId, userId, inApp, createdAt)), however many notices there are.
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { NOTICE_VIEW_SELECT, noticeView, type NoticeView } from "./notice-view";

export interface NoticesSummary {
  unread: number;
  latest: NoticeView[];
}

export async function getNoticesSummary(ctx: TenantContext, latest = 6): Promise<NoticesSummary> {
  const { userId } = memberOf(ctx.actor);
  const [unread, rows] = await Promise.all([
    ctx.db.notification.count({ where: { userId, inApp: true, readAt: null } }),
    ctx.db.notification.findMany({
      where: { userId, inApp: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: latest,
      select: NOTICE_VIEW_SELECT,
    }),
  ]);
  return { unread, latest: rows.map(noticeView) };
}
