// Accepting an invitation by setting the first password of the account it created. Everything is re-checked inside
// one transaction with the invitation row locked, so two uses of the same link cannot both succeed, and a link can
// never set the password of an account that has a password, was created otherwise, or belongs to another tenant.
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { systemDb } from "@/lib/db/client";
import { UserFacingError } from "@/lib/user-facing-error";
import { INVALID_INVITATION, invitationTokenHash } from "./invitation-token";
import { openInvitation } from "./open-invitation";

export async function acceptInvitationWithPassword(input: {
  token: string;
  password: string;
  ip: string | null;
}): Promise<{ email: string; tenantName: string }> {
  const problem = passwordProblem(input.password);
  if (problem) throw new UserFacingError(problem);
  const passwordHash = await hashPassword(input.password);
  return systemDb.$transaction(async (tx) => {
    await tx.$executeRaw`select 1 from "Invitation" where "tokenHash" = ${invitationTokenHash(input.token)} for update`;
    const invitation = await openInvitation(input.token, null, tx);
    if (invitation.mode !== "set_password") {
      throw new UserFacingError(
        `An account for ${invitation.email} already exists. Sign in with its password or single sign-on, then open this link again to accept.`,
        "conflict",
      );
    }
    const user = await tx.user.upsert({
      where: { email: invitation.email },
      update: { passwordHash, sessionVersion: { increment: 1 } },
      create: { email: invitation.email, passwordHash, createdByInvitationId: invitation.id },
    });
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
        details: { email: user.email, role: invitation.role, how: "set_password" },
        ip: input.ip,
      },
      tx,
    );
    return { email: user.email, tenantName: invitation.tenantName };
  });
}
