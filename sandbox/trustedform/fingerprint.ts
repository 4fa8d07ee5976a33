// TrustedForm's lead fingerprints (api-facts.md): SHA-1 hex of the lower-cased, trimmed email, or of the phone's
// digits only.
import crypto from "node:crypto";

const sha1 = (text: string) => crypto.createHash("sha1").update(text).digest("hex");

export const emailFingerprint = (email: string) => sha1(email.trim().toLowerCase());
export const phoneFingerprint = (phone: string) => sha1(phone.replace(/\D/g, ""));

/**
 * A fingerprint as a client sends it: hex (the 2.0 example in a public ActiveProspect gist) or the base64 of the same
 * 20 bytes (the 3.0 Insights request sample). Answered as lower-case hex, the form every published response uses.
 */
export function providedFingerprint(value: string): string {
  const text = value.trim();
  if (/^[0-9a-f]{40}$/i.test(text)) return text.toLowerCase();
  if (/^[A-Za-z0-9+/]{27}=$/.test(text)) {
    const bytes = Buffer.from(text, "base64");
    if (bytes.length === 20) return bytes.toString("hex");
  }
  return text.toLowerCase();
}
