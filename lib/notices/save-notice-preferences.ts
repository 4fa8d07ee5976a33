// Saves the signed-in member's notice choices in this tenant (one row per kind they changed). Kinds their role cannot
// receive are refused, not stored.
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { noticeKindsFor } from "./notice-kinds";
import type { NoticePreferencesInput } from "./notice-preferences-input";

export async function saveNoticePreferences(
  ctx: TenantContext,
  input: NoticePreferencesInput,
): Promise<void> {
  const member = memberOf(ctx.actor);
  const allowed = new Set(noticeKindsFor(member.role).map((info) => info.kind));
  const refused = input.choices.find((choice) => !allowed.has(choice.kind));
  if (refused) throw new UserFacingError("Your role does not receive that kind of notice.", "forbidden");
  await ctx.transaction(async (tx) => {
    for (const choice of input.choices)
      await tx.db.noticePreference.upsert({
        where: { tenantId_userId_kind: { tenantId: tx.tenantId, userId: member.userId, kind: choice.kind } },
        create: { userId: member.userId, kind: choice.kind, inApp: choice.inApp, email: choice.email },
        update: { inApp: choice.inApp, email: choice.email },
      });
  });
}
