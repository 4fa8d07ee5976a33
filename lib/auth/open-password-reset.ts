// What a password reset link allows: setting the password of its user, while it is unused, not replaced and not
// expired. Every unusable link gets the same answer.
import { systemDb, type TransactionClient } from "@/lib/db/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { INVALID_PASSWORD_RESET, passwordResetTokenHash } from "./password-reset-token";

export interface OpenPasswordReset {
  id: string;
  userId: string;
  email: string;
  expiresAt: Date;
}

export async function openPasswordReset(
  token: string,
  db: Pick<TransactionClient, "passwordReset"> = systemDb,
): Promise<OpenPasswordReset> {
  if (!token || token.length > 200) throw new UserFacingError(INVALID_PASSWORD_RESET, "not_found");
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: passwordResetTokenHash(token) },
    include: { user: { select: { email: true } } },
  });
  if (!reset || reset.usedAt || reset.revokedAt || reset.expiresAt <= new Date())
    throw new UserFacingError(INVALID_PASSWORD_RESET, "not_found");
  return { id: reset.id, userId: reset.userId, email: reset.user.email, expiresAt: reset.expiresAt };
}
