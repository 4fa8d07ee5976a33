// Every row of a bulk claim batch, accepted and refused, in file order: what the results CSV shows. A TrustedForm 4.0
// row adds its policy verdict (with the rules that failed, in words) and the facts reviewers filter on.
import type { TenantContext } from "@/lib/core/tenant-context";
import { getBatchProgress } from "./get-batch-progress";
import { apiVersionOf } from "./v4/trustedform-api-version";

export interface BatchResultRow {
  row: number;
  certUrl: string;
  claimId: string;
  reference: string | null;
  vendor: string | null;
  result: string;
  required: string;
  forbiddenFound: number | "";
  fingerprintMatch: boolean | null;
  warnings: string;
  reason: string;
  apiVersion: "3.0" | "4.0" | "";
  /** pass / fail by the policy's rules; "" when no rule was asked or the row was not claimed. */
  verdict: string;
  /** The words of the rules that failed. */
  verdictFailed: string;
  emailMatch: boolean | null;
  phoneMatch: boolean | null;
  retainedUntil: string;
  previouslyRetained: boolean | null;
  botDetected: boolean | null;
  oneToOne: boolean | null;
  languageApproved: boolean | null;
  secondsOnPage: number | null;
}

const V4_NONE = {
  apiVersion: "" as const,
  verdict: "",
  verdictFailed: "",
  emailMatch: null,
  phoneMatch: null,
  retainedUntil: "",
  previouslyRetained: null,
  botDetected: null,
  oneToOne: null,
  languageApproved: null,
  secondsOnPage: null,
};

/** The words of the failed rules of a stored verdict (claim-settlement-v4.ts); tolerant of any other shape. */
function failedRules(value: unknown): string {
  if (!Array.isArray(value)) return "";
  return value
    .filter((r): r is { passed: false; words: string } => r?.passed === false && typeof r?.words === "string")
    .map((r) => r.words)
    .join("; ");
}

/** Null when the batch is not the tenant's. */
export async function listBatchResultRows(
  context: TenantContext,
  batchId: string,
): Promise<BatchResultRow[] | null> {
  const progress = await getBatchProgress(context, batchId);
  if (!progress) return null;
  const claims = await context.db.claim.findMany({
    where: { batchId },
    orderBy: { rowNumber: "asc" },
    select: {
      rowNumber: true,
      id: true,
      certUrl: true,
      reference: true,
      vendor: true,
      status: true,
      outcome: true,
      requiredFound: true,
      requiredTotal: true,
      forbiddenFound: true,
      fingerprintMatch: true,
      warnings: true,
      errorMessage: true,
      apiVersion: true,
      verdict: true,
      verdictRules: true,
      emailMatch: true,
      phoneMatch: true,
      retainedUntil: true,
      previouslyRetained: true,
      botDetected: true,
      oneToOne: true,
      languageApproved: true,
      secondsOnPage: true,
    },
  });
  const rows: BatchResultRow[] = [
    ...claims.map((c) => ({
      row: c.rowNumber ?? 0,
      certUrl: c.certUrl,
      claimId: c.id,
      reference: c.reference,
      vendor: c.vendor,
      result: c.status === "claimed" ? (c.outcome ?? "claimed") : c.status,
      required: c.status === "claimed" ? `${c.requiredFound}/${c.requiredTotal}` : "",
      forbiddenFound: c.status === "claimed" ? c.forbiddenFound : ("" as const),
      fingerprintMatch: c.fingerprintMatch,
      warnings: c.warnings.join("; "),
      reason: c.errorMessage ?? "",
      apiVersion: apiVersionOf(c.apiVersion),
      verdict: c.verdict ?? "",
      verdictFailed: failedRules(c.verdictRules),
      emailMatch: c.emailMatch,
      phoneMatch: c.phoneMatch,
      retainedUntil: c.retainedUntil?.toISOString() ?? "",
      previouslyRetained: c.previouslyRetained,
      botDetected: c.botDetected,
      oneToOne: c.oneToOne,
      languageApproved: c.languageApproved,
      secondsOnPage: c.secondsOnPage,
    })),
    ...progress.refused.map((r) => ({
      row: r.row,
      certUrl: r.certUrl,
      claimId: "",
      reference: "",
      vendor: "",
      result: "refused",
      required: "",
      forbiddenFound: "" as const,
      fingerprintMatch: null,
      warnings: "",
      reason: r.reason,
      ...V4_NONE,
    })),
  ];
  return rows.sort((a, b) => a.row - b.row);
}
