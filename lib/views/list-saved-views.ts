// The signed-in member's saved views (another member's, or another tenant's, are never listed).
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";

export async function listSavedViews(context: TenantContext) {
  const member = memberOf(context.actor);
  return context.db.savedView.findMany({
    where: { userId: member.userId },
    orderBy: [{ name: "asc" }],
    select: { id: true, name: true, query: true },
  });
}
