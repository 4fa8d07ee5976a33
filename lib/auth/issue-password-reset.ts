// `npm run user:reset-password -- <email>`: a one-time link to set a new password, for an account whose password is
// lost (the demo login missed at the first start, a forgotten password). Whoever can run commands on the deployment
// can already read its database; the link is printed for them to hand over, never sent anywhere.
import { systemDb } from "@/lib/db/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { auditUserEvent } from "./audit-user-event";
import { normalizeEmail } from "./normalize-email";
import { newPasswordResetToken } from "./password-reset-token";

export interface IssuedPasswordReset {
  email: string;
  /** Shown once; only its hash is stored. */
  url: string;
  expiresAt: Date;
}

export async function issuePasswordReset(
  rawEmail: string,
  issuedBy: string = "shell",
): Promise<IssuedPasswordReset> {
  const email = normalizeEmail(rawEmail);
  if (!email || email.length > 254 || !email.includes("@"))
    throw new UserFacingError(`"${rawEmail}" is not an email address.`);
  const link = newPasswordResetToken();
  return systemDb.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true } });
    if (!user) throw new UserFacingError(`No Certdesk account has the address ${email}.`, "not_found");
    // One open link per user: a new one voids the older ones.
    await tx.passwordReset.updateMany({
      where: { userId: user.id, usedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const reset = await tx.passwordReset.create({
      data: { userId: user.id, tokenHash: link.tokenHash, expiresAt: link.expiresAt },
    });
    await auditUserEvent(tx, user, {
      action: "user.password_reset_issued",
      details: { resetId: reset.id, issuedBy, expiresAt: link.expiresAt.toISOString() },
      actor: { id: null, email: null },
    });
    return { email: user.email, url: link.url, expiresAt: link.expiresAt };
  });
}
