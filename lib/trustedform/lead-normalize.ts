// How a lead's email and phone are normalised before they are fingerprinted (api-facts.md): the email trimmed and
// lower-cased, the phone's digits only. Pure, with no Node imports, so the browser (the consent lookup hashes in the
// page) and the server (lib/trustedform/fingerprint.ts) share one recipe.

export function normalizeLeadEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalizeLeadPhone(phone: string): string {
  return phone.replace(/\D/g, "");
}
