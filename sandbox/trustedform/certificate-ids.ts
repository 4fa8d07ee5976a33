// Certificate ids as the service issues them (api-facts.md; ActiveProspect's LeadConduit integration,
// lib/helpers.js): 40 or 80 characters of letters (either case), digits, "-" and "_" (web certificates are 40
// lower-case hex, mobile SDK certificates use the wider alphabet), or "0." followed by letters, digits, ".", "-" and
// "_" (Facebook lead-ad and ping certificates); never longer than 255 characters (TrustedForm 4.0 documentation).
import crypto from "node:crypto";

export type CertificateFormat = "web" | "mobile" | "facebook";

const STANDARD = /^(?:[A-Za-z0-9_-]{40}|[A-Za-z0-9_-]{80})$/;
const ZERO_PREFIXED = /^0\.[A-Za-z0-9._-]+$/;

export function isCertificateId(id: string): boolean {
  if (id.length > 255 || id.includes("..")) return false;
  return STANDARD.test(id) || ZERO_PREFIXED.test(id);
}

export function newCertificateId(format: CertificateFormat): string {
  if (format === "web") return crypto.randomBytes(20).toString("hex");
  // 60 random bytes are 80 URL-safe base64 characters, like the 80-character mobile ids LeadConduit accepts.
  if (format === "mobile") return crypto.randomBytes(60).toString("base64url");
  // Shaped like the Facebook id in LeadConduit's test/helper_spec.js: "0." and three dot-separated parts.
  const part = (bytes: number) => crypto.randomBytes(bytes).toString("base64url");
  return `0.${part(60)}.${part(16)}.${part(16)}`;
}
