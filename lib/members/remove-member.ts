import { endUserSessions } from "@/lib/auth/end-sessions";
import { canManageRole } from "@/lib/auth/roles";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { withLockedMembership } from "./lock-membership";

/** Removes a member (an owner only by an owner, never the last one) and ends their sessions. Audited. */
export async function removeMember(context: TenantContext, membershipId: string): Promise<void> {
  const actorRole = memberOf(context.actor).role;
  await withLockedMembership(context, membershipId, async (membership, ownerCount, tx) => {
    if (!canManageRole(actorRole, membership.role)) {
      throw new UserFacingError(
        membership.role === "owner"
          ? "Only an owner can remove an owner."
          : "Your role cannot remove this member.",
        "forbidden",
      );
    }
    if (membership.role === "owner" && ownerCount <= 1) {
      throw new UserFacingError(
        "This is the tenant's last owner and cannot be removed. Make another member an owner first.",
        "conflict",
      );
    }
    await tx.db.membership.delete({ where: { id: membership.id } });
    // An invitation of this tenant still open for the same address must not bring them back.
    await tx.db.invitation.updateMany({
      where: { email: membership.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    // Every open session of the removed person ends now, in every tenant: a session is per account, and the one
    // signed in while a member here must not keep running in another tab.
    await endUserSessions(tx.db, membership.userId);
    await tx.audit(
      "member.removed",
      { type: "membership", id: membership.id },
      { email: membership.email, role: membership.role },
    );
  });
}
