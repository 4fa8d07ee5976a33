// One of the signed-in member's saved views by id; another member's or tenant's answers like a missing one (null).
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";

export async function getSavedView(context: TenantContext, id: string) {
  const member = memberOf(context.actor);
  if (!isUuid(id)) return null;
  return context.db.savedView.findFirst({
    where: { id, userId: member.userId },
    select: { id: true, name: true, query: true },
  });
}
