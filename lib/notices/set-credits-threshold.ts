// An admin sets (or clears) the tenant's TrueScreen credits threshold. A new threshold arms a fresh crossing: the next
// check below it tells the admins again. Audited.
import { hasRole } from "@/lib/auth/roles";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";

export async function setCreditsThreshold(ctx: TenantContext, threshold: number | null): Promise<void> {
  if (!hasRole(memberOf(ctx.actor).role, "admin"))
    throw new UserFacingError("Only owners and admins set the credits threshold.", "forbidden");
  await ctx.transaction(async (tx) => {
    await tx.db.noticeSettings.upsert({
      where: { tenantId: tx.tenantId },
      create: { creditsThreshold: threshold, creditsLow: false },
      update: { creditsThreshold: threshold, creditsLow: false },
    });
    await tx.audit("notices.credits_threshold_set", { type: "tenant", id: tx.tenantId }, { threshold });
  });
}
