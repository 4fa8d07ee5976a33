import type { TenantContext } from "@/lib/core/tenant-context";
import { findPendingInvitation } from "./find-pending-invitation";

/** Withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation(context: TenantContext, invitationId: string): Promise<void> {
  await context.transaction(async (tx) => {
    const invitation = await findPendingInvitation(tx, invitationId);
    await tx.db.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await tx.audit(
      "member.invitation_revoked",
      { type: "invitation", id: invitation.id },
      { email: invitation.email, role: invitation.role },
    );
  });
}
