// Lead fingerprints exactly as TrustedForm computes them (api-facts.md): SHA-1 hex of the email lower-cased and
// trimmed, or of the phone's digits only. The normalising lives in ./lead-normalize.ts, shared with the browser.
import crypto from "node:crypto";
import { normalizeLeadEmail, normalizeLeadPhone } from "./lead-normalize";

export { normalizeLeadEmail, normalizeLeadPhone };

const sha1 = (text: string) => crypto.createHash("sha1").update(text).digest("hex");

export const emailFingerprint = (email: string) => sha1(normalizeLeadEmail(email));
export const phoneFingerprint = (phone: string) => sha1(normalizeLeadPhone(phone));
