// The token itself: "cdk_" and 32 random bytes in base64url (recognisable in logs and by secret scanners), stored
// only as its SHA-256 (a random 256-bit secret needs no slow hash), with its first characters kept for the list.
import crypto from "node:crypto";

export const TOKEN_PREFIX = "cdk_";
const TOKEN_SHAPE = /^cdk_[A-Za-z0-9_-]{43}$/;

export function newApiTokenSecret(): { token: string; tokenHash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, 10) };
}

export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** Whether a string has the shape of a Certdesk token (checked before any database read). */
export function looksLikeApiToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
