import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { tenantDb } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";
import { newInvitationToken } from "./invitation-token";
import { pendingInvitationFor } from "./manage-invitation";

/** A new link for a pending invitation (lost or expired): the old link stops working, the new one runs afresh. */
export async function renewInvitationLink(
  actor: MemberActor,
  invitationId: string,
): Promise<{ email: string; inviteUrl: string; expiresAt: Date }> {
  const link = newInvitationToken();
  return tenantDb(actor).$transaction(async (tx) => {
    const invitation = await pendingInvitationFor(actor, tx, invitationId);
    await tx.invitation.update({
      where: { id: invitation.id },
      data: { tokenHash: link.tokenHash, expiresAt: link.expiresAt },
    });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "member.invitation_renewed",
        targetType: "invitation",
        targetId: invitation.id,
        details: { email: invitation.email },
      },
      tx,
    );
    return { email: invitation.email, inviteUrl: link.url, expiresAt: link.expiresAt };
  });
}
