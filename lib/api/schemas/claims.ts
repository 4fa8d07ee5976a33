// The claims resource of the public API: what a client sends and what it gets back, shared by the route handlers,
// the MCP tools and the OpenAPI generator. Requests reuse the UI's own schemas (claim-input.ts, claim-filters.ts,
// decide-claim.ts), so the API accepts exactly what the form does.
import { z } from "zod";
import { claimFilterFields } from "@/lib/claims/claim-filters";
import { claimInput } from "@/lib/claims/claim-input";
import type { getClaim } from "@/lib/claims/get-claim";
import type { listClaims } from "@/lib/claims/list-claims";
import { iso, nullableTimestamp, pageQuery, timestamp } from "./common";

export const claimCreateRequest = claimInput.meta({
  id: "ClaimRequest",
  description:
    "Claim one TrustedForm certificate (billed by TrustedForm). email and phone are turned into fingerprints; policyId picks a claim policy, or requiredText / forbiddenText give scan terms (one per line).",
});

export const claimListQuery = claimFilterFields.extend(pageQuery).meta({ id: "ClaimListQuery" });

export const decisionRequest = z
  .object({
    decision: z.enum(["accepted", "rejected"]),
    reason: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .meta({ description: "Required to reject, or to go against a verdict." }),
  })
  .meta({ id: "DecisionRequest" });

const claimStatus = z.enum(["queued", "sending", "claimed", "failed", "unknown"]);

export const claimSummary = z
  .object({
    id: z.string(),
    certId: z.string(),
    status: claimStatus,
    outcome: z.enum(["success", "failure"]).nullable(),
    apiVersion: z.enum(["3.0", "4.0"]),
    vendor: z.string().nullable(),
    reference: z.string().nullable(),
    requiredFound: z.number().int(),
    requiredTotal: z.number().int(),
    forbiddenFound: z.number().int(),
    fingerprintMatch: z.boolean().nullable(),
    verdict: z.enum(["pass", "fail"]).nullable(),
    decision: z.enum(["accepted", "rejected"]).nullable(),
    warnings: z.array(z.string()),
    errorMessage: z.string().nullable(),
    claimedAt: nullableTimestamp,
    createdAt: timestamp,
  })
  .meta({ id: "ClaimSummary" });

export const claimDetail = claimSummary
  .extend({
    certUrl: z.string(),
    policyName: z.string().nullable(),
    requiredTerms: z.array(z.string()),
    forbiddenTerms: z.array(z.string()),
    errorKind: z.string().nullable(),
    decisionReason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: nullableTimestamp,
    createdBy: z.string().nullable().meta({ description: "A member's email, or the API token's name." }),
    batchId: z.string().nullable(),
    retainedUntil: nullableTimestamp,
    botDetected: z.boolean().nullable(),
    oneToOne: z.boolean().nullable(),
    languageApproved: z.boolean().nullable(),
    verdictRules: z.array(z.object({ passed: z.boolean(), known: z.boolean(), words: z.string() })),
  })
  .meta({ id: "Claim" });

/**
 * What deciding answers: the decision only. A token may hold decisions:write without claims:read (a reviewer bot that
 * is told which claims to decide), so the claim's own facts are not part of the answer.
 */
export const decisionResult = z
  .object({
    id: z.string(),
    decision: z.enum(["accepted", "rejected"]),
    decisionReason: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: timestamp,
  })
  .meta({ id: "DecisionResult" });

export const claimPage = z
  .object({ data: z.array(claimSummary), next: z.string().nullable() })
  .meta({ id: "ClaimPage" });

type ListedClaim = Awaited<ReturnType<typeof listClaims>>["rows"][number];
type FullClaim = NonNullable<Awaited<ReturnType<typeof getClaim>>>;

const version = (stored: string): "3.0" | "4.0" => (stored === "v4_0" ? "4.0" : "3.0");

export function toClaimSummary(row: ListedClaim | FullClaim): z.infer<typeof claimSummary> {
  return {
    id: row.id,
    certId: row.certId,
    status: row.status,
    outcome: row.outcome,
    apiVersion: version(row.apiVersion),
    vendor: row.vendor,
    reference: row.reference,
    requiredFound: row.requiredFound,
    requiredTotal: row.requiredTotal,
    forbiddenFound: row.forbiddenFound,
    fingerprintMatch: row.fingerprintMatch,
    verdict: row.verdict,
    decision: row.decision,
    warnings: row.warnings,
    errorMessage: row.errorMessage,
    claimedAt: iso(row.claimedAt),
    createdAt: iso(row.createdAt),
  };
}

export function toClaimDetail(claim: FullClaim): z.infer<typeof claimDetail> {
  return {
    ...toClaimSummary(claim),
    certUrl: claim.certUrl,
    policyName: claim.policyName,
    requiredTerms: claim.requiredTerms,
    forbiddenTerms: claim.forbiddenTerms,
    errorKind: claim.errorKind,
    decisionReason: claim.decisionReason,
    decidedBy: claim.decidedByEmail,
    decidedAt: iso(claim.decidedAt),
    createdBy: claim.createdByEmail,
    batchId: claim.batchId,
    retainedUntil: iso(claim.retainedUntil),
    botDetected: claim.botDetected,
    oneToOne: claim.oneToOne,
    languageApproved: claim.languageApproved,
    verdictRules: claim.verdictRules,
  };
}

export function toDecisionResult(claim: FullClaim): z.infer<typeof decisionResult> {
  if (!claim.decision || !claim.decidedAt) throw new Error(`Claim ${claim.id} has no decision to report.`);
  return {
    id: claim.id,
    decision: claim.decision,
    decisionReason: claim.decisionReason,
    decidedBy: claim.decidedByEmail,
    decidedAt: claim.decidedAt.toISOString(),
  };
}
