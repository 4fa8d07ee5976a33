// One claim as a line of the claims CSV export (export-claims-csv.ts), with the export's header.
import { csvCell } from "@/lib/text/csv-cell";

export const CLAIM_CSV_HEADER =
  "claim_id,cert_id,vendor,reference,status,outcome,required_found,required_total,forbidden_found,fingerprint_match,warnings,decision,claimed_at,error\n";

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
    ]
      .map(csvCell)
      .join(",") + "\n"
  );
}
