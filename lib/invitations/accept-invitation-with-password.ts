// Accepting an invitation by setting the first password of the account it created. Everything is re-checked inside
// one transaction with the invitation row locked, so two uses of the same link cannot both succeed, and a link can
// never set the password of an account that has a password, was created otherwise, or belongs to another tenant.
import { hashPassword, passwordProblem } from "@/lib/auth/password";
import { systemDb } from "@/lib/db/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { invitationTokenHash } from "./invitation-token";
import { joinTenant } from "./join-tenant";
import { openInvitation } from "./open-invitation";

export async function acceptInvitationWithPassword(input: {
  token: string;
  password: string;
  ip: string | null;
}): Promise<{ email: string; tenantName: string }> {
  const problem = passwordProblem(input.password);
  if (problem) throw new UserFacingError(problem);
  // Anyone may call this with any token: a wrong one is refused before the costly hash (checked again below, locked).
  await openInvitation(input.token, null);
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
    await joinTenant(tx, invitation, user, "set_password", input.ip);
    return { email: user.email, tenantName: invitation.tenantName };
  });
}
