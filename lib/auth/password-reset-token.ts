// Password reset links: the same token machinery as invitations (32 random bytes shown once, only their SHA-256
// stored, the same lifetime as a set-password link), opened on /set-password?reset=….
import { config, publicUrl } from "@/lib/config";
import { invitationTokenHash, newInvitationToken } from "@/lib/invitations/invitation-token";

export const passwordResetTokenHash = invitationTokenHash;

export function newPasswordResetToken(now = Date.now()) {
  const { token, tokenHash } = newInvitationToken(now);
  return {
    token,
    tokenHash,
    expiresAt: new Date(now + config().SET_PASSWORD_LINK_HOURS * 3_600_000),
    url: `${publicUrl()}/set-password?reset=${token}`,
  };
}

export const INVALID_PASSWORD_RESET =
  "This password link is not valid any more: it was used, replaced by a newer link, or it expired. Ask your Certdesk operator for a new one.";
