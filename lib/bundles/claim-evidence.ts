// One claim's part of an evidence bundle (alone, or in a case): Certdesk's record of the claim with the 4.0 facts and
// the policy's verdict, what Certdesk read in TrustedForm's answer (scans, fingerprints or match_lead, Verify and
// Insights), TrustedForm's raw answer, and the claim's audit entries (claimed, accepted or rejected with the reason).
// The raw answer is bundled only when it came from TrustedForm itself (https://cert.trustedform.com), as on the claim
// page: what a sandbox host answered stays in the database (the outbound rule: no remote body reaches the user).
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { TRUSTEDFORM_ORIGIN } from "@/lib/trustedform/certificate-url";
import { readClaimResponse } from "@/lib/trustedform/read-claim-response";
import { readV4Response } from "@/lib/trustedform/v4/read-v4-response";
import { auditTrailEntry } from "./audit-trail-entry";
import { filingDate, filingSlug } from "./filing-names";
import type { BundleEntry, BundleFile } from "./zip-bundle";

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export interface ClaimEvidence {
  base: string;
  subject: string;
  entries(): AsyncGenerator<BundleEntry>;
  facts(files: BundleFile[]): Record<string, unknown>;
  verifySteps(): string;
}

/** null when the id is malformed, missing or another tenant's. */
export async function claimEvidence(
  ctx: TenantContext,
  id: string,
  /** The folder its files go in, from its name part; none when alone in the bundle. */
  folderOf: (base: string) => string = () => "",
): Promise<ClaimEvidence | null> {
  if (!isUuid(id)) return null;
  const found = await ctx.db.claim.findFirst({ where: { id } });
  if (!found) return null;
  const claim = found;
  const date = claim.claimedAt ?? claim.createdAt;
  const base = `${filingSlug(claim.reference, `claim-${filingSlug(claim.certId).slice(0, 12)}`)}-${filingDate(date)}`;
  const folder = folderOf(base);
  const fromTrustedForm = claim.certUrl.startsWith(`${TRUSTEDFORM_ORIGIN}/`);
  const v4 = claim.apiVersion === "v4_0";
  const reading =
    claim.response === null ? null : v4 ? readV4Response(claim.response) : readClaimResponse(claim.response);

  const record = {
    id: claim.id,
    certId: claim.certId,
    certUrl: claim.certUrl,
    apiVersion: v4 ? "4.0" : "3.0",
    vendor: claim.vendor,
    reference: claim.reference,
    status: claim.status,
    outcome: claim.outcome,
    claimedAt: claim.claimedAt?.toISOString() ?? null,
    createdAt: claim.createdAt.toISOString(),
    createdByEmail: claim.createdByEmail,
    batchId: claim.batchId,
    rowNumber: claim.rowNumber,
    error:
      claim.errorKind || claim.errorMessage ? { kind: claim.errorKind, message: claim.errorMessage } : null,
    policy: { id: claim.policyId, name: claim.policyName },
    scan: {
      requiredTerms: claim.requiredTerms,
      forbiddenTerms: claim.forbiddenTerms,
      delimiter: claim.scanDelimiter,
      requiredFound: claim.requiredFound,
      requiredTotal: claim.requiredTotal,
      forbiddenFound: claim.forbiddenFound,
    },
    // Fingerprints only (SHA-1 of the normalised value): Certdesk never stores the lead's raw email or phone.
    leadFingerprints: { email: claim.emailFingerprint, phone: claim.phoneFingerprint },
    fingerprintMatch: claim.fingerprintMatch,
    warnings: claim.warnings,
    v4: v4
      ? {
          request: claim.request,
          emailMatch: claim.emailMatch,
          phoneMatch: claim.phoneMatch,
          retainedUntil: claim.retainedUntil?.toISOString() ?? null,
          previouslyRetained: claim.previouslyRetained,
          botDetected: claim.botDetected,
          oneToOne: claim.oneToOne,
          languageApproved: claim.languageApproved,
          secondsOnPage: claim.secondsOnPage,
          verdict: claim.verdict,
          verdictRules: claim.verdictRules,
        }
      : null,
    decision: claim.decision
      ? {
          decision: claim.decision,
          reason: claim.decisionReason,
          decidedByEmail: claim.decidedByEmail,
          decidedAt: claim.decidedAt?.toISOString() ?? null,
        }
      : null,
  };

  async function* entries(): AsyncGenerator<BundleEntry> {
    yield {
      path: `${folder}${base}-claim.json`,
      open: async () => json(record),
      about: { role: "claim-record" },
    };
    if (reading)
      yield {
        path: `${folder}${base}-trustedform-reading.json`,
        open: async () => json({ apiVersion: record.apiVersion, ...reading }),
        about: { role: "trustedform-reading" },
      };
    if (claim.response !== null && fromTrustedForm)
      yield {
        path: `${folder}${base}-trustedform-response.json`,
        open: async () => json(claim.response),
        about: { role: "trustedform-response" },
      };
    yield auditTrailEntry(ctx, { type: "claim", id: claim.id }, `${folder}audit-entries.jsonl`);
  }

  function facts(files: BundleFile[]) {
    return {
      ...record,
      paths: files.filter((f) => f.path.startsWith(folder)).map((f) => f.path),
      rawResponse:
        claim.response === null
          ? { included: false, note: "TrustedForm gave no answer to keep (the claim did not go through)." }
          : fromTrustedForm
            ? {
                included: true,
                note: "TrustedForm's answer as stored (the same JSON; spacing and key order may differ from the wire).",
              }
            : {
                included: false,
                note: "Answered by a sandbox, not cert.trustedform.com: only what Certdesk read from it is bundled.",
              },
    };
  }

  const subject = `claim of TrustedForm certificate ${claim.certId}${claim.reference ? ` (reference ${claim.reference})` : ""}`;
  function verifySteps() {
    return [
      `### Claim of certificate ${claim.certId}`,
      "",
      "TrustedForm's claim answers carry no signature: the files' SHA-256 (step 1) show they are as Certdesk kept",
      `them. While the certificate is retained, the account that claimed it can open ${claim.certUrl}`,
      "at TrustedForm and compare.",
      "",
    ].join("\n");
  }

  return { base, subject, entries, facts, verifySteps };
}
