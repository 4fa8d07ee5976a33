// The per-certification webhook token. TrueScreen's certification.error webhook carries only the problem document
// (no report_id), so the URL sent with each create call must say which certification it is about. The token is the
// certification's id and an HMAC tag of it under the tenant's own webhook token (TenantConnection.webhookToken), so
// nothing new is stored: the receiver reads the id, looks the certification up, and recomputes the tag. Without the
// tenant's token nobody can make a valid URL for another certification, and a guessed id answers exactly like an
// unknown URL. Form: <22 base64url characters of the id's 16 bytes>.<24 base64url characters of a 144-bit tag>; the
// "." never occurs in a per-tenant token (base64url), so both forms are told apart at a glance.
import crypto from "node:crypto";

const CONTEXT = "certdesk:truescreen-webhook:certification:v1:";
const FORM = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{24})$/;

function tag(tenantWebhookToken: string, certificationId: string): Buffer {
  return crypto
    .createHmac("sha256", tenantWebhookToken)
    .update(`${CONTEXT}${certificationId.toLowerCase()}`)
    .digest()
    .subarray(0, 18);
}

export function certificationWebhookToken(tenantWebhookToken: string, certificationId: string): string {
  const id = Buffer.from(certificationId.replaceAll("-", ""), "hex");
  if (id.length !== 16) throw new Error("A certification id is a UUID.");
  return `${id.toString("base64url")}.${tag(tenantWebhookToken, certificationId).toString("base64url")}`;
}

/** The certification id a per-certification token names, or null when the token is not of that form. */
export function certificationIdOfToken(token: string): string | null {
  const match = FORM.exec(token);
  if (!match) return null;
  const hex = Buffer.from(match[1]!, "base64url").toString("hex");
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether `token` was made for this certification under this tenant's webhook token (constant time). */
export function isCertificationWebhookToken(
  token: string,
  tenantWebhookToken: string,
  certificationId: string,
): boolean {
  const match = FORM.exec(token);
  if (!match) return false;
  const given = Buffer.from(match[2]!, "base64url");
  const expected = tag(tenantWebhookToken, certificationId);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
