// Using a password reset link: re-checked inside one transaction with the link's row locked, so it works once even
// when used twice at the same moment. Setting the password ends every session of the user (sessionVersion).
import { systemDb } from "@/lib/db/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { auditUserEvent } from "./audit-user-event";
import { endUserSessions } from "./end-sessions";
import { clearAccountFailures } from "./login-throttle";
import { openPasswordReset } from "./open-password-reset";
import { hashPassword, passwordProblem } from "./password";
import { INVALID_PASSWORD_RESET, passwordResetTokenHash } from "./password-reset-token";

export async function resetPassword(input: {
  token: string;
  password: string;
  ip: string | null;
}): Promise<{ email: string }> {
  const problem = passwordProblem(input.password);
  if (problem) throw new UserFacingError(problem);
  // Anyone may call this with any token: a wrong one is refused before the costly hash (checked again below, locked).
  await openPasswordReset(input.token);
  const passwordHash = await hashPassword(input.password);
  const done = await systemDb.$transaction(async (tx) => {
    await tx.$executeRaw`select 1 from "PasswordReset" where "tokenHash" = ${passwordResetTokenHash(input.token)} for update`;
    const reset = await openPasswordReset(input.token, tx);
    const used = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, revokedAt: null },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) throw new UserFacingError(INVALID_PASSWORD_RESET, "not_found");
    const user = await tx.user.update({
      where: { id: reset.userId },
      data: { passwordHash },
      select: { id: true, email: true },
    });
    await endUserSessions(tx, user.id);
    await auditUserEvent(tx, user, {
      action: "user.password_reset",
      details: { resetId: reset.id },
      ip: input.ip,
    });
    return { email: user.email };
  });
  // Failed attempts before the reset were the lost password's: the new one starts unthrottled.
  await clearAccountFailures(done.email);
  return done;
}
