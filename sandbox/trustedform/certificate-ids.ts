// The real certificate id formats (api-facts.md): web 40-hex, mobile-SDK longer URL-safe base64, and
// Facebook lead-ad / ping ids "0." followed by three dot-separated URL-safe base64 parts.
import crypto from "node:crypto";

export type CertificateFormat = "web" | "mobile" | "facebook";

export const CERTIFICATE_ID_PATTERNS: Record<CertificateFormat, RegExp> = {
  web: /^[0-9a-f]{40}$/,
  mobile: /^[A-Za-z0-9_-]{41,256}$/,
  facebook: /^0\.[A-Za-z0-9_-]{1,128}\.[A-Za-z0-9_-]{1,128}\.[A-Za-z0-9_-]{1,128}$/,
};

export function isCertificateId(id: string): boolean {
  return Object.values(CERTIFICATE_ID_PATTERNS).some((pattern) => pattern.test(id));
}

export function newCertificateId(format: CertificateFormat): string {
  if (format === "web") return crypto.randomBytes(20).toString("hex");
  if (format === "mobile") return crypto.randomBytes(48).toString("base64url");
  const part = () => crypto.randomBytes(12).toString("base64url");
  return `0.${part()}.${part()}.${part()}`;
}
