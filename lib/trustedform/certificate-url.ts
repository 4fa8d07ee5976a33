// The URL rule: a claim is sent only to a certificate URL whose origin is exactly the allowed one
// (https://cert.trustedform.com, or the sandbox's origin for a sandbox tenant) and whose path is one certificate
// id of a format the service issues. Anything else is refused before any request, so the credentials never leave.
// The request URL is always rebuilt from the allowed origin and the parsed id (percent-encoded), never taken from
// the string the user gave: no userinfo, port, encoding or dot-segment trick can make the check and the request
// disagree.
//
// Id formats (api-facts.md; ActiveProspect's LeadConduit integration, lib/helpers.js and test/helper_spec.js): 40 or
// 80 characters of letters (either case), digits, "-" and "_" (web certificates are 40 lower-case hex; mobile SDK
// certificates use the wider alphabet), or "0." followed by letters, digits, ".", "-" and "_" (Facebook lead-ad and
// ping certificates). TrustedForm 4.0 says only that an id never exceeds 255 characters.
// Like that integration, `http://` of the service's host becomes `https://` and one trailing "/" is dropped: the
// request is rebuilt from the parsed id anyway, so nothing the user typed reaches the wire.

export const TRUSTEDFORM_ORIGIN = "https://cert.trustedform.com";
export const MAX_CERTIFICATE_ID_LENGTH = 255;

export type CertificateFormat = "standard" | "extended" | "zero-prefixed";

const FORMATS: Array<[CertificateFormat, RegExp]> = [
  ["standard", /^[A-Za-z0-9_-]{40}$/],
  ["extended", /^[A-Za-z0-9_-]{80}$/],
  // "0." then letters, digits, ".", "-" and "_" (".." is refused below).
  ["zero-prefixed", /^0\.[A-Za-z0-9._-]+$/],
];

export function certificateFormat(id: string): CertificateFormat | null {
  if (id.length > MAX_CERTIFICATE_ID_LENGTH || id.includes("..")) return null;
  return FORMATS.find(([, pattern]) => pattern.test(id))?.[0] ?? null;
}

export type CertificateUrl =
  { ok: true; certId: string; format: CertificateFormat; url: string } | { ok: false; reason: string };

/** The request URL for an id that certificateFormat accepted: the allowed origin and the id, percent-encoded. */
export function certificateRequestUrl(allowedOrigin: string, certId: string): string {
  return `${allowedOrigin}/${encodeURIComponent(certId)}`;
}

/** `allowedOrigin` is TRUSTEDFORM_ORIGIN for production tenants, or the sandbox's origin. */
export function parseCertificateUrl(input: string, allowedOrigin: string): CertificateUrl {
  let text = input.trim();
  const expected = allowedOrigin === TRUSTEDFORM_ORIGIN ? "cert.trustedform.com" : allowedOrigin;
  if (!text) return { ok: false, reason: "The certificate URL is missing." };
  if (/[\s\u0000-\u001f\u007f\\]/.test(text)) {
    return { ok: false, reason: "The certificate URL contains spaces, control characters or backslashes." };
  }
  // The service's own host over plain http is the same certificate (LeadConduit rewrites it the same way).
  if (allowedOrigin === TRUSTEDFORM_ORIGIN && text.toLowerCase().startsWith("http://cert.trustedform.com/"))
    text = `${TRUSTEDFORM_ORIGIN}/${text.slice("http://cert.trustedform.com/".length)}`;
  if (!text.toLowerCase().startsWith(`${allowedOrigin.toLowerCase()}/`)) {
    return {
      ok: false,
      reason: `Only certificate URLs that start with ${allowedOrigin}/ are claimed (this one points elsewhere; ${expected} was expected).`,
    };
  }
  let certId = text.slice(allowedOrigin.length + 1);
  if (certId.endsWith("/")) certId = certId.slice(0, -1);
  if (certId.length > MAX_CERTIFICATE_ID_LENGTH) {
    return {
      ok: false,
      reason: `The certificate id is longer than ${MAX_CERTIFICATE_ID_LENGTH} characters, which TrustedForm never issues.`,
    };
  }
  const format = certificateFormat(certId);
  if (!format) {
    return {
      ok: false,
      reason:
        "The part after the host is not a TrustedForm certificate id (40 or 80 letters, digits, - or _, or an id that starts with 0.).",
    };
  }
  // Belt and braces: the rebuilt URL must parse back to exactly the allowed origin and the id.
  const url = certificateRequestUrl(allowedOrigin, certId);
  const parsed = new URL(url);
  if (
    parsed.origin !== allowedOrigin ||
    decodeURIComponent(parsed.pathname) !== `/${certId}` ||
    parsed.username ||
    parsed.password ||
    parsed.search ||
    parsed.hash
  ) {
    return { ok: false, reason: "The certificate URL is not in its plain form." };
  }
  return { ok: true, certId, format, url };
}
