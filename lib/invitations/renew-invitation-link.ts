import type { TenantContext } from "@/lib/core/tenant-context";
import { findPendingInvitation } from "./find-pending-invitation";
import { newInvitationToken } from "./invitation-token";

/** A new link for a pending invitation (lost or expired): the old link stops working, the new one runs afresh. */
export async function renewInvitationLink(
  context: TenantContext,
  invitationId: string,
): Promise<{ email: string; inviteUrl: string; expiresAt: Date }> {
  const link = newInvitationToken();
  return context.transaction(async (tx) => {
    const invitation = await findPendingInvitation(tx, invitationId);
    await tx.db.invitation.update({
      where: { id: invitation.id },
      data: { tokenHash: link.tokenHash, expiresAt: link.expiresAt },
    });
    await tx.audit(
      "member.invitation_renewed",
      { type: "invitation", id: invitation.id },
      { email: invitation.email },
    );
    return { email: invitation.email, inviteUrl: link.url, expiresAt: link.expiresAt };
  });
}
