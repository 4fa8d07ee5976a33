// Accepting an invitation as the signed-in owner of the invited address (own password or SSO). Nothing about the
// account changes but its new membership.
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { systemDb } from "@/lib/db/client";
import { UserFacingError } from "@/lib/user-facing-error";
import { INVALID_INVITATION, invitationTokenHash } from "./invitation-token";
import { openInvitation } from "./open-invitation";

export async function acceptInvitationAsUser(input: {
  token: string;
  userId: string;
  ip: string | null;
}): Promise<{ tenantId: string; tenantName: string }> {
  return systemDb.$transaction(async (tx) => {
    await tx.$executeRaw`select 1 from "Invitation" where "tokenHash" = ${invitationTokenHash(input.token)} for update`;
    const invitation = await openInvitation(input.token, input.userId, tx);
    if (invitation.mode !== "accept") {
      throw new UserFacingError(
        `This invitation is for ${invitation.email}. Sign out, then sign in as ${invitation.email} to accept it.`,
        "forbidden",
      );
    }
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId } });
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
        details: { email: user.email, role: invitation.role, how: "signed_in" },
        ip: input.ip,
      },
      tx,
    );
    return { tenantId: invitation.tenantId, tenantName: invitation.tenantName };
  });
}
