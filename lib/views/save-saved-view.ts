// Saves the claims page's current filters under a name, for the signed-in member only. The same name again
// replaces that view's filters.
import type { z } from "zod";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { normalisedViewQuery, savedViewInput } from "./saved-view-input";

export const MAX_SAVED_VIEWS = 50;

export async function saveSavedView(
  context: TenantContext,
  input: z.infer<typeof savedViewInput>,
): Promise<{ id: string }> {
  const member = memberOf(context.actor);
  const checked = savedViewInput.safeParse(input);
  if (!checked.success) throw new UserFacingError(checked.error.issues[0]?.message ?? "Check the view.");
  let query: string;
  try {
    query = normalisedViewQuery(checked.data.query);
  } catch (error) {
    throw new UserFacingError((error as Error).message);
  }
  const name = checked.data.name;
  return context.transaction(async (tx) => {
    const existing = await tx.db.savedView.findFirst({ where: { userId: member.userId, name } });
    if (existing) {
      await tx.db.savedView.update({ where: { id: existing.id }, data: { query } });
      return { id: existing.id };
    }
    if ((await tx.db.savedView.count({ where: { userId: member.userId } })) >= MAX_SAVED_VIEWS)
      throw new UserFacingError(`You have ${MAX_SAVED_VIEWS} saved views: delete one first.`);
    const view = await tx.db.savedView.create({ data: { userId: member.userId, name, query } });
    return { id: view.id };
  });
}
