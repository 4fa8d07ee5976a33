// Invitation tokens: 32 random bytes shown once to the admin who invites; only their SHA-256 is stored.
import crypto from "node:crypto";
import { config, publicUrl } from "@/lib/config";

export function invitationTokenHash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newInvitationToken(now = Date.now()) {
  const token = crypto.randomBytes(32).toString("base64url");
  return {
    token,
    tokenHash: invitationTokenHash(token),
    expiresAt: new Date(now + config().SET_PASSWORD_LINK_HOURS * 3_600_000),
    url: `${publicUrl()}/invite?token=${token}`,
  };
}

export const INVALID_INVITATION =
  "This invitation is not valid any more: it was used, replaced by a newer link, withdrawn, or it expired. Ask an admin for a new link.";
