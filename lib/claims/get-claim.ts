// One claim of the tenant for its page, or null (another tenant's id is "not found" like a missing one).
import { z } from "zod";
import type { Claim } from "@/generated/prisma/client";
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { TRUSTEDFORM_ORIGIN } from "@/lib/trustedform/certificate-url";
import { readClaimResponse } from "@/lib/trustedform/read-claim-response";
import { readV4Response } from "@/lib/trustedform/v4/read-v4-response";
import { scanTermSchema, termLabel } from "./scan-terms";

const terms = z.array(scanTermSchema);
const ruleResults = z.array(z.object({ passed: z.boolean(), known: z.boolean(), words: z.string() }));

/**
 * The stored answer is the raw body; it is read leniently here, so a shape Certdesk cannot fully read still shows
 * everything it can, and lists what it could not (`unreadable`). The raw body itself is shown only when it came
 * from TrustedForm (https://cert.trustedform.com): what a sandbox host answered is kept in the database but never
 * echoed to users (the outbound rule: no remote body reaches the user).
 */
export async function getClaim(context: TenantContext, id: string) {
  if (!isUuid(id)) return null;
  const claim = await context.db.claim.findUnique({ where: { id } });
  return claim ? presentClaim(claim) : null;
}

/** A claim row as getClaim shows it (also for a row read otherwise: the API claim's, claim-one-sql.ts). */
export function presentClaim(claim: Claim) {
  const isV4 = claim.apiVersion === "v4_0";
  const reading = claim.response === null || isV4 ? null : readClaimResponse(claim.response);
  const readingV4 = claim.response !== null && isV4 ? readV4Response(claim.response) : null;
  const rules = ruleResults.safeParse(claim.verdictRules);
  return {
    ...claim,
    rawResponse: claim.certUrl.startsWith(`${TRUSTEDFORM_ORIGIN}/`) ? claim.response : null,
    /** 3.0: the answer as read; null for a 4.0 claim (see `v4`). */
    response: reading?.response ?? null,
    /** 4.0: the answer as read, operation by operation. */
    v4: readingV4?.response ?? null,
    verdictRules: rules.success ? rules.data : [],
    unreadable: reading?.unreadable ?? readingV4?.unreadable ?? [],
    requiredTerms: terms.parse(claim.requiredTerms).map(termLabel),
    forbiddenTerms: terms.parse(claim.forbiddenTerms).map(termLabel),
  };
}
