// The results CSV of a bulk claim batch: every row of the file, accepted and refused, in file order, with what
// became of it, and for TrustedForm 4.0 rows the verdict and the facts behind it. Null when the batch is not the
// tenant's.
import { type Download, streamOfLines } from "@/lib/core/download";
import type { TenantContext } from "@/lib/core/tenant-context";
import { csvCell } from "@/lib/text/csv-cell";
import { listBatchResultRows } from "./list-batch-result-rows";

const HEADER =
  "row,cert_url,claim_id,reference,vendor,result,required_found,forbidden_found,fingerprint_match,warnings,reason," +
  "api_version,verdict,verdict_failed_rules,email_match,phone_match,retained_until,previously_retained," +
  "bot_detected,one_to_one,language_approved,seconds_on_page\n";

export async function getBatchResultsCsv(context: TenantContext, batchId: string): Promise<Download | null> {
  const rows = await listBatchResultRows(context, batchId);
  if (!rows) return null;
  const body = rows
    .map(
      (r) =>
        [
          r.row,
          r.certUrl,
          r.claimId,
          r.reference,
          r.vendor,
          r.result,
          r.required,
          r.forbiddenFound,
          r.fingerprintMatch,
          r.warnings,
          r.reason,
          r.apiVersion,
          r.verdict,
          r.verdictFailed,
          r.emailMatch,
          r.phoneMatch,
          r.retainedUntil,
          r.previouslyRetained,
          r.botDetected,
          r.oneToOne,
          r.languageApproved,
          r.secondsOnPage,
        ]
          .map(csvCell)
          .join(",") + "\n",
    )
    .join("");
  const lines = [body]; // read in one go: a batch holds at most MAX_BATCH_ROWS rows
  return {
    filename: `claims-batch-${batchId.slice(0, 8)}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: streamOfLines(HEADER, async () => lines.shift() ?? null),
  };
}
