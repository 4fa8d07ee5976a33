// The TCPA consent lookup: a person's email or phone fingerprint (hashed in the browser, so the raw value never
// reaches Certdesk) against the claims' stored fingerprints. 4.0 claims send TrustedForm's match_lead the same
// fingerprints that Claim.emailFingerprint / phoneFingerprint hold (lib/claims/v4/claim-request-v4.ts), so the columns
// answer for both API versions. Indexed by the search_indexes migration (partial indexes per fingerprint).
import { z } from "zod";
import type { TenantContext } from "@/lib/core/tenant-context";

const fingerprint = z
  .string()
  .regex(/^[0-9a-f]{40}$/i, "A fingerprint is 40 hexadecimal characters (SHA-1).")
  .transform((value) => value.toLowerCase());

export const consentLookupInput = z
  .object({ emailFingerprint: fingerprint.optional(), phoneFingerprint: fingerprint.optional() })
  .refine((value) => value.emailFingerprint || value.phoneFingerprint, "Give an email or a phone number.");

export type ConsentLookupInput = z.infer<typeof consentLookupInput>;

/** At most this many claims per lookup, newest first (the page says when there are more). */
export const CONSENT_LOOKUP_LIMIT = 500;

export interface ConsentClaim {
  id: string;
  reference: string | null;
  vendor: string | null;
  certId: string;
  certUrl: string;
  status: string;
  outcome: string | null;
  decision: string | null;
  retainedUntil: string | null;
  createdAt: string;
  matchedBy: Array<"email" | "phone">;
}

export async function lookupConsent(
  context: TenantContext,
  input: ConsentLookupInput,
): Promise<{ claims: ConsentClaim[]; more: boolean }> {
  const or = [
    ...(input.emailFingerprint ? [{ emailFingerprint: input.emailFingerprint }] : []),
    ...(input.phoneFingerprint ? [{ phoneFingerprint: input.phoneFingerprint }] : []),
  ];
  if (or.length === 0) return { claims: [], more: false };
  const rows = await context.db.claim.findMany({
    where: { OR: or },
    select: {
      id: true,
      reference: true,
      vendor: true,
      certId: true,
      certUrl: true,
      status: true,
      outcome: true,
      decision: true,
      retainedUntil: true,
      createdAt: true,
      emailFingerprint: true,
      phoneFingerprint: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: CONSENT_LOOKUP_LIMIT + 1,
  });
  const claims = rows.slice(0, CONSENT_LOOKUP_LIMIT).map((row) => ({
    id: row.id,
    reference: row.reference,
    vendor: row.vendor,
    certId: row.certId,
    certUrl: row.certUrl,
    status: row.status,
    outcome: row.outcome,
    decision: row.decision,
    retainedUntil: row.retainedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    matchedBy: [
      ...(input.emailFingerprint && row.emailFingerprint === input.emailFingerprint
        ? (["email"] as const)
        : []),
      ...(input.phoneFingerprint && row.phoneFingerprint === input.phoneFingerprint
        ? (["phone"] as const)
        : []),
    ],
  }));
  // Who looked a person up, and what was found; never the fingerprint itself.
  await context.audit("consent.looked_up", null, {
    by: or.map((clause) => ("emailFingerprint" in clause ? "email" : "phone")),
    claims: claims.length,
  });
  return { claims, more: rows.length > CONSENT_LOOKUP_LIMIT };
}
