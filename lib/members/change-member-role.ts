import { endUserSessions } from "@/lib/auth/end-sessions";
import { canManageRole, type Role } from "@/lib/auth/roles";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { withLockedMembership } from "./lock-membership";

/** Gives a member another role; an owner only by an owner, never leaving the tenant without one. Audited. */
export async function changeMemberRole(
  context: TenantContext,
  membershipId: string,
  role: Role,
): Promise<void> {
  const actorRole = memberOf(context.actor).role;
  await withLockedMembership(context, membershipId, async (membership, ownerCount, tx) => {
    if (membership.role === role) return;
    if (!canManageRole(actorRole, membership.role) || !canManageRole(actorRole, role)) {
      throw new UserFacingError(
        membership.role === "owner" || role === "owner"
          ? "Only an owner can give or take away the owner role."
          : "Your role cannot change this member's role.",
        "forbidden",
      );
    }
    if (membership.role === "owner" && ownerCount <= 1) {
      throw new UserFacingError(
        "This is the tenant's last owner. Make another member an owner first.",
        "conflict",
      );
    }
    await tx.db.membership.update({ where: { id: membership.id }, data: { role } });
    // Their open sessions end with the old role: they sign in again and start with the new one.
    await endUserSessions(tx.db, membership.userId);
    await tx.audit(
      "member.role_changed",
      { type: "membership", id: membership.id },
      { email: membership.email, from: membership.role, to: role },
    );
  });
}
