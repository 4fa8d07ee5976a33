// The URL rule: a claim is sent only to a certificate URL whose origin is exactly the allowed one
// (https://cert.trustedform.com, or the sandbox's origin for a sandbox tenant) and whose path is one certificate
// id of a real format. Anything else is refused before any request, so the credentials never leave.
// The check compares against the canonical form, and the request is always built from the allowed origin and
// the parsed id, never from the string the user gave: no userinfo, port, encoding or dot-segment trick can make
// the check and the request disagree.

export const TRUSTEDFORM_ORIGIN = "https://cert.trustedform.com";

export type CertificateFormat = "web" | "mobile" | "facebook";

const FORMATS: Array<[CertificateFormat, RegExp]> = [
  ["web", /^[0-9a-f]{40}$/],
  ["mobile", /^[A-Za-z0-9_-]{41,256}$/],
  ["facebook", /^0\.[A-Za-z0-9_-]{1,128}\.[A-Za-z0-9_-]{1,128}\.[A-Za-z0-9_-]{1,128}$/],
];

export function certificateFormat(id: string): CertificateFormat | null {
  return FORMATS.find(([, pattern]) => pattern.test(id))?.[0] ?? null;
}

export type CertificateUrl =
  { ok: true; certId: string; format: CertificateFormat; url: string } | { ok: false; reason: string };

/** `allowedOrigin` is TRUSTEDFORM_ORIGIN for production tenants, or the sandbox's origin. */
export function parseCertificateUrl(input: string, allowedOrigin: string): CertificateUrl {
  const text = input.trim();
  const expected = allowedOrigin === TRUSTEDFORM_ORIGIN ? "cert.trustedform.com" : allowedOrigin;
  if (!text) return { ok: false, reason: "The certificate URL is missing." };
  if (/[\s\u0000-\u001f\u007f\\]/.test(text)) {
    return { ok: false, reason: "The certificate URL contains spaces, control characters or backslashes." };
  }
  if (!text.toLowerCase().startsWith(`${allowedOrigin.toLowerCase()}/`)) {
    return {
      ok: false,
      reason: `Only certificate URLs that start with ${allowedOrigin}/ are claimed (this one points elsewhere; ${expected} was expected).`,
    };
  }
  const certId = text.slice(allowedOrigin.length + 1);
  const format = certificateFormat(certId);
  if (!format) {
    return {
      ok: false,
      reason:
        "The part after the host is not a TrustedForm certificate id (40 hexadecimal characters, a mobile id, or a 0.-prefixed id).",
    };
  }
  // Belt and braces: the canonical URL must parse back to exactly the allowed origin and the id.
  const url = `${allowedOrigin}/${certId}`;
  const parsed = new URL(url);
  if (
    parsed.origin !== allowedOrigin ||
    parsed.pathname !== `/${certId}` ||
    parsed.username ||
    parsed.password ||
    parsed.search ||
    parsed.hash
  ) {
    return { ok: false, reason: "The certificate URL is not in its plain form." };
  }
  return { ok: true, certId, format, url };
}
