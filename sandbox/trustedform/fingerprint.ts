// TrustedForm's lead fingerprints (api-facts.md): SHA-1 hex of the lower-cased, trimmed email, or of the phone's
// digits only.
import crypto from "node:crypto";

const sha1 = (text: string) => crypto.createHash("sha1").update(text).digest("hex");

export const emailFingerprint = (email: string) => sha1(email.trim().toLowerCase());
export const phoneFingerprint = (phone: string) => sha1(phone.replace(/\D/g, ""));
