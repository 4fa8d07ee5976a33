// One-time set-password links. The token is 32 random bytes shown once to the admin; only its SHA-256 is kept.
import crypto from "node:crypto";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { config, publicUrl } from "@/lib/config";
import { systemDb } from "@/lib/db/client";
import { UserFacingError } from "@/lib/user-facing-error";
import { hashPassword, passwordProblem } from "./password";

function tokenHash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** Issues a new link for a user of a tenant and voids any earlier unused link of theirs. Returns the URL. */
export async function issueSetPasswordLink(input: {
  tenantId: string;
  userId: string;
  createdById: string | null;
}): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + config().SET_PASSWORD_LINK_HOURS * 3_600_000);
  await systemDb.$transaction([
    systemDb.passwordSetToken.updateMany({
      where: { userId: input.userId, usedAt: null },
      data: { usedAt: new Date() },
    }),
    systemDb.passwordSetToken.create({
      data: {
        tenantId: input.tenantId,
        userId: input.userId,
        tokenHash: tokenHash(token),
        expiresAt,
        createdById: input.createdById,
      },
    }),
  ]);
  return `${publicUrl()}/set-password?token=${token}`;
}

const INVALID_LINK =
  "This link is not valid any more: it was used, replaced by a newer one, or it expired. Ask an admin for a new link.";

/** The address a valid link belongs to, to show on the page; throws when the link is not usable. */
export async function describeSetPasswordLink(token: string): Promise<{ email: string }> {
  const row = token
    ? await systemDb.passwordSetToken.findUnique({
        where: { tokenHash: tokenHash(token) },
        include: { user: { select: { email: true } } },
      })
    : null;
  if (!row || row.usedAt || row.expiresAt < new Date()) throw new UserFacingError(INVALID_LINK, "not_found");
  return { email: row.user.email };
}

export async function setPasswordWithToken(input: {
  token: string;
  password: string;
  ip: string | null;
}): Promise<{ email: string }> {
  const problem = passwordProblem(input.password);
  if (problem) throw new UserFacingError(problem);
  const passwordHash = await hashPassword(input.password);
  const hash = tokenHash(input.token);
  return systemDb.$transaction(async (tx) => {
    // Claim the token atomically: of two simultaneous uses only one can flip usedAt.
    const claimed = await tx.passwordSetToken.updateMany({
      where: { tokenHash: hash, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) throw new UserFacingError(INVALID_LINK, "not_found");
    const row = await tx.passwordSetToken.findUniqueOrThrow({ where: { tokenHash: hash } });
    const user = await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await appendAuditEntry(
      {
        tenantId: row.tenantId,
        actorId: user.id,
        actorEmail: user.email,
        action: "user.password_set",
        targetType: "user",
        targetId: user.id,
        ip: input.ip,
      },
      tx,
    );
    return { email: user.email };
  });
}
