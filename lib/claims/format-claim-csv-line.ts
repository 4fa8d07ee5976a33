// One claim as a line of the claims CSV export (export-claims-csv.ts), with the export's header. The 4.0 columns
// come after the 3.0 ones, so that a consumer reading the columns it knew by position keeps working.
import type { TrustedFormApiVersion } from "@/generated/prisma/enums";
import { csvCell } from "@/lib/text/csv-cell";
import { apiVersionOf } from "./v4/trustedform-api-version";

export const CLAIM_CSV_HEADER =
  "claim_id,cert_id,vendor,reference,status,outcome,required_found,required_total,forbidden_found,fingerprint_match,warnings,decision,claimed_at,error," +
  "api_version,verdict,failed_rules,email_match,phone_match,retained_until,bot_detected,one_to_one,language_approved,seconds_on_page\n";

export function formatClaimCsvLine(row: {
  id: string;
  certId: string;
  vendor: string | null;
  reference: string | null;
  status: string;
  outcome: string | null;
  requiredFound: number;
  requiredTotal: number;
  forbiddenFound: number;
  fingerprintMatch: boolean | null;
  warnings: string[];
  decision: string | null;
  claimedAt: Date | null;
  errorMessage: string | null;
  apiVersion: TrustedFormApiVersion;
  verdict: string | null;
  verdictRules: unknown;
  emailMatch: boolean | null;
  phoneMatch: boolean | null;
  retainedUntil: Date | null;
  botDetected: boolean | null;
  oneToOne: boolean | null;
  languageApproved: boolean | null;
  secondsOnPage: number | null;
}): string {
  return (
    [
      row.id,
      row.certId,
      row.vendor,
      row.reference,
      row.status,
      row.outcome,
      row.requiredFound,
      row.requiredTotal,
      row.forbiddenFound,
      row.fingerprintMatch,
      row.warnings.join("; "),
      row.decision,
      row.claimedAt?.toISOString() ?? null,
      row.errorMessage,
      apiVersionOf(row.apiVersion),
      row.verdict,
      failedRuleWords(row.verdictRules).join("; "),
      row.emailMatch,
      row.phoneMatch,
      row.retainedUntil?.toISOString() ?? null,
      row.botDetected,
      row.oneToOne,
      row.languageApproved,
      row.secondsOnPage,
    ]
      .map(csvCell)
      .join(",") + "\n"
  );
}

/** The words of the policy rules a claim failed ("Bot detected: yes — failed"); anything else stored is skipped. */
function failedRuleWords(rules: unknown): string[] {
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule: unknown) =>
    rule !== null &&
    typeof rule === "object" &&
    "passed" in rule &&
    rule.passed === false &&
    "words" in rule &&
    typeof rule.words === "string"
      ? [rule.words]
      : [],
  );
}
