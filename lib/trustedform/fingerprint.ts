// Lead fingerprints exactly as TrustedForm computes them (api-facts.md): SHA-1 hex of the email lower-cased and
// trimmed, or of the phone's digits only.
import crypto from "node:crypto";

const sha1 = (text: string) => crypto.createHash("sha1").update(text).digest("hex");

export function normalizeLeadEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalizeLeadPhone(phone: string): string {
  return phone.replace(/\D/g, "");
}

export const emailFingerprint = (email: string) => sha1(normalizeLeadEmail(email));
export const phoneFingerprint = (phone: string) => sha1(normalizeLeadPhone(phone));
