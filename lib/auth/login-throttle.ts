// Throttles failed sign-ins per account and per client address, over a sliding window kept in PostgreSQL
// (so it holds across several app instances). The account key is a hash of the normalized address and is
// counted whether or not the account exists, so the lockout itself reveals nothing.
import crypto from "node:crypto";
import { config } from "@/lib/config";
import { systemDb } from "@/lib/db/client";
import { normalizeEmail } from "./normalize-email";

export function accountKey(email: string): string {
  return `account:${crypto.createHash("sha256").update(normalizeEmail(email)).digest("hex")}`;
}

export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

export interface ThrottleVerdict {
  blocked: boolean;
  /** Whole minutes until the oldest counted failure leaves the window. */
  retryAfterMinutes: number;
}

async function countRecent(key: string, since: Date) {
  const [count, oldest] = await Promise.all([
    systemDb.loginFailure.count({ where: { key, createdAt: { gte: since } } }),
    systemDb.loginFailure.findFirst({
      where: { key, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { count, oldest: oldest?.createdAt };
}

export async function checkLoginThrottle(
  email: string,
  ip: string | null,
  now = new Date(),
): Promise<ThrottleVerdict> {
  const c = config();
  const windowMs = c.LOGIN_THROTTLE_WINDOW_MINUTES * 60_000;
  const since = new Date(now.getTime() - windowMs);
  const checks: Array<[string, number]> = [[accountKey(email), c.LOGIN_MAX_FAILURES_PER_ACCOUNT]];
  if (ip) checks.push([ipKey(ip), c.LOGIN_MAX_FAILURES_PER_IP]);
  let retryAfterMs = 0;
  for (const [key, limit] of checks) {
    const { count, oldest } = await countRecent(key, since);
    if (count >= limit && oldest)
      retryAfterMs = Math.max(retryAfterMs, oldest.getTime() + windowMs - now.getTime());
  }
  return { blocked: retryAfterMs > 0, retryAfterMinutes: Math.max(1, Math.ceil(retryAfterMs / 60_000)) };
}

export async function recordLoginFailure(email: string, ip: string | null): Promise<void> {
  const data = [{ key: accountKey(email) }, ...(ip ? [{ key: ipKey(ip) }] : [])];
  await systemDb.loginFailure.createMany({ data });
  // Keep the table small: failures older than a day never count again.
  if (Math.random() < 0.01) {
    await systemDb.loginFailure.deleteMany({
      where: { createdAt: { lt: new Date(Date.now() - 86_400_000) } },
    });
  }
}

export async function clearAccountFailures(email: string): Promise<void> {
  await systemDb.loginFailure.deleteMany({ where: { key: accountKey(email) } });
}
