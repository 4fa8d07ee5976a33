// Deletes one of the signed-in member's saved views; another member's or tenant's id is not found.
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { UserFacingError } from "@/lib/core/user-facing-error";

export async function deleteSavedView(context: TenantContext, id: string): Promise<void> {
  const member = memberOf(context.actor);
  const { count } = isUuid(id)
    ? await context.db.savedView.deleteMany({ where: { id, userId: member.userId } })
    : { count: 0 };
  if (!count) throw new UserFacingError("That view was not found.", "not_found");
}
