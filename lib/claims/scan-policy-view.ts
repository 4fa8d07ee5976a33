// A tenant's named scan policy as the pages and the claim verbs read it: its terms parsed, ready to send.
import { z } from "zod";
import { scanTermSchema, type ScanTerm } from "./scan-terms";

export interface ScanPolicyView {
  id: string;
  name: string;
  required: ScanTerm[];
  forbidden: ScanTerm[];
  scanDelimiter: string | null;
  isDefault: boolean;
}

const terms = z.array(scanTermSchema);

export function toScanPolicyView(row: {
  id: string;
  name: string;
  required: unknown;
  forbidden: unknown;
  scanDelimiter: string | null;
  isDefault: boolean;
}): ScanPolicyView {
  return {
    id: row.id,
    name: row.name,
    required: terms.parse(row.required),
    forbidden: terms.parse(row.forbidden),
    scanDelimiter: row.scanDelimiter,
    isDefault: row.isDefault,
  };
}
