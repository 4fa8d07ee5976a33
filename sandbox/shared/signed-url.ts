// Presigned URLs the way object stores make them: an HMAC over the path and the expiry, in the query string.
import crypto from "node:crypto";

export function signPath(secret: string, pathname: string, expiresAt: number): string {
  return crypto.createHmac("sha256", secret).update(`${pathname}\n${expiresAt}`).digest("hex");
}

export function presign(
  baseUrl: string,
  secret: string,
  pathname: string,
  validSeconds: number,
  now = Date.now(),
): string {
  const expiresAt = Math.floor(now / 1000) + validSeconds;
  return `${baseUrl}${pathname}?X-Expires=${expiresAt}&X-Signature=${signPath(secret, pathname, expiresAt)}`;
}

export type UrlVerdict = "ok" | "expired" | "bad-signature";

export function verifyPresigned(secret: string, url: URL, now = Date.now()): UrlVerdict {
  const expires = Number(url.searchParams.get("X-Expires"));
  const signature = url.searchParams.get("X-Signature") ?? "";
  if (!Number.isInteger(expires) || !/^[0-9a-f]{64}$/.test(signature)) return "bad-signature";
  const expected = Buffer.from(signPath(secret, url.pathname, expires), "hex");
  if (!crypto.timingSafeEqual(expected, Buffer.from(signature, "hex"))) return "bad-signature";
  return Math.floor(now / 1000) > expires ? "expired" : "ok";
}

/** The body S3 answers a refused presigned request with (403, application/xml). */
export function s3ErrorXml(code: "AccessDenied" | "SignatureDoesNotMatch", message: string): string {
  const requestId = crypto.randomBytes(8).toString("hex").toUpperCase();
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`;
}
