"use server";

import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { consentLookupInput, lookupConsent } from "@/lib/search/lookup-consent";
import { searchTenant } from "@/lib/search/search-tenant";

// The header's type-ahead: five of each kind. A longer query is cut by the verb, not refused (a pasted URL).
const searchInput = z.object({ q: z.string().max(20_000) });

export async function searchAction(input: { q: string }) {
  return runAction("viewer", searchInput, input, (context, data) =>
    searchTenant(context, { q: data.q, limit: 5 }),
  );
}

/** Only fingerprints arrive here: the page hashes the email or phone in the browser. */
export async function lookupConsentAction(input: { emailFingerprint?: string; phoneFingerprint?: string }) {
  return runAction("viewer", consentLookupInput, input, (context, data) => lookupConsent(context, data));
}
