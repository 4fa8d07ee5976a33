// The lead fingerprints computed in the browser with WebCrypto, from the same normaliser as the server's
// (lib/trustedform/lead-normalize.ts), so a consent lookup sends only the hash, never the email or phone.
import { normalizeLeadEmail, normalizeLeadPhone } from "@/lib/trustedform/lead-normalize";

async function sha1Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export const browserEmailFingerprint = (email: string) => sha1Hex(normalizeLeadEmail(email));
export const browserPhoneFingerprint = (phone: string) => sha1Hex(normalizeLeadPhone(phone));
