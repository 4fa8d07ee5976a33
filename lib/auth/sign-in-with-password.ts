// Email + password sign-in: throttling, constant-time-ish verification, and the audit entries for it.
// Messages never say whether an address has an account.
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { systemDb } from "@/lib/db/client";
import { checkLoginThrottle, clearAccountFailures, recordLoginFailure } from "./login-throttle";
import { normalizeEmail } from "./normalize-email";
import { dummyPasswordHash, verifyPassword } from "./password";

export const INVALID_CREDENTIALS_MESSAGE = "The email or password is not correct.";

export type SignInResult =
  { ok: true; user: { id: string; email: string; name: string | null } } | { ok: false; message: string };

async function auditForUser(
  userId: string | null,
  entry: { action: string; email: string; ip: string | null; details?: Record<string, unknown> },
) {
  const memberships = userId
    ? await systemDb.membership.findMany({ where: { userId }, select: { tenantId: true } })
    : [];
  const chains = memberships.length > 0 ? memberships.map((m) => m.tenantId) : [null];
  for (const tenantId of chains) {
    await appendAuditEntry({
      tenantId,
      actorId: userId,
      actorEmail: entry.email,
      action: entry.action,
      targetType: "user",
      targetId: userId,
      details: entry.details,
      ip: entry.ip,
    });
  }
}

export async function signInWithPassword(input: {
  email: string;
  password: string;
  ip: string | null;
}): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  if (!email || !input.password) return { ok: false, message: "Enter your email and password." };

  const throttle = await checkLoginThrottle(email, input.ip);
  const user = await systemDb.user.findUnique({ where: { email } });
  if (throttle.blocked) {
    await auditForUser(user?.id ?? null, {
      action: "auth.login_failed",
      email,
      ip: input.ip,
      details: { reason: "throttled" },
    });
    const minutes = throttle.retryAfterMinutes;
    return {
      ok: false,
      message: `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }

  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  if (!user || !valid) {
    await recordLoginFailure(email, input.ip);
    await auditForUser(user?.id ?? null, {
      action: "auth.login_failed",
      email,
      ip: input.ip,
      details: { reason: "bad_credentials" },
    });
    return { ok: false, message: INVALID_CREDENTIALS_MESSAGE };
  }

  await clearAccountFailures(email);
  await auditForUser(user.id, { action: "auth.login", email, ip: input.ip, details: { method: "password" } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
