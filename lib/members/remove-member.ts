import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { endUserSessions } from "@/lib/auth/end-sessions";
import { canManageRole } from "@/lib/auth/roles";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { withLockedMembership } from "./change-member-role";
import type { MemberActor } from "./member-actor";

export async function removeMember(actor: MemberActor, membershipId: string): Promise<void> {
  await withLockedMembership(actor, membershipId, async (membership, ownerCount, tx) => {
    if (!canManageRole(actor.actorRole, membership.role)) {
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
    await tx.membership.delete({ where: { id: membership.id } });
    // An invitation of this tenant still open for the same address must not bring them back.
    await tx.invitation.updateMany({
      where: { email: membership.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    // Every open session of the removed person ends now, in every tenant: a session is per account, and the one
    // signed in while a member here must not keep running in another tab.
    await endUserSessions(tx, membership.userId);
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "member.removed",
        targetType: "membership",
        targetId: membership.id,
        details: { email: membership.email, role: membership.role },
      },
      tx,
    );
  });
}
