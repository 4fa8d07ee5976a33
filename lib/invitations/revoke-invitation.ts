import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { tenantDb } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";
import { pendingInvitationFor } from "./manage-invitation";

/** Withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation(actor: MemberActor, invitationId: string): Promise<void> {
  await tenantDb(actor).$transaction(async (tx) => {
    const invitation = await pendingInvitationFor(actor, tx, invitationId);
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "member.invitation_revoked",
        targetType: "invitation",
        targetId: invitation.id,
        details: { email: invitation.email, role: invitation.role },
      },
      tx,
    );
  });
}
