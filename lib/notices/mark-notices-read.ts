// Marks some or all of the signed-in member's notices read. Ids of another member's or tenant's notices change
// nothing (the where names the member, the scoped client the tenant).
import { memberOf } from "@/lib/core/actor";
import { isUuid } from "@/lib/core/ids";
import type { TenantContext } from "@/lib/core/tenant-context";

export async function markNoticesRead(ctx: TenantContext, which: { ids: string[] } | "all"): Promise<number> {
  const { userId } = memberOf(ctx.actor);
  const ids = which === "all" ? null : which.ids.filter(isUuid).slice(0, 500);
  if (ids && ids.length === 0) return 0;
  const { count } = await ctx.db.notification.updateMany({
    where: { userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
