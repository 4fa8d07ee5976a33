// The last step of accepting an invitation, shared by both ways of accepting: the membership, the invitation marked
// accepted (only if nobody else accepted or withdrew it meanwhile), and the audit entry, in the caller's transaction.
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { TransactionClient } from "@/lib/db/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { INVALID_INVITATION } from "./invitation-token";
import type { OpenInvitation } from "./open-invitation";

export async function joinTenant(
  tx: TransactionClient,
  invitation: OpenInvitation,
  user: { id: string; email: string },
  how: "set_password" | "signed_in",
  ip: string | null,
): Promise<void> {
  await tx.membership.upsert({
    where: { tenantId_userId: { tenantId: invitation.tenantId, userId: user.id } },
    update: {},
    create: { tenantId: invitation.tenantId, userId: user.id, role: invitation.role },
  });
  const accepted = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null },
    data: { acceptedAt: new Date(), acceptedById: user.id },
  });
  if (accepted.count !== 1) throw new UserFacingError(INVALID_INVITATION, "not_found");
  await appendAuditEntry(
    {
      tenantId: invitation.tenantId,
      actorId: user.id,
      actorEmail: user.email,
      action: "member.joined",
      targetType: "invitation",
      targetId: invitation.id,
      details: { email: user.email, role: invitation.role, how },
      ip,
    },
    tx,
  );
}
