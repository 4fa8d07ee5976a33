// A tenant's named claim policy as the pages and the claim verbs read it: its terms parsed, ready to send, and its
// TrustedForm 4.0 part (Insights, Verify, rules).
import { z } from "zod";
import { scanTermSchema, type ScanTerm } from "./scan-terms";
import { claimPolicyV4, type ClaimPolicyV4 } from "./v4/claim-policy-v4";
import { policyV4Draft, type PolicyV4Input } from "./v4/policy-v4-input";

export interface ScanPolicyView {
  id: string;
  name: string;
  required: ScanTerm[];
  forbidden: ScanTerm[];
  scanDelimiter: string | null;
  isDefault: boolean;
  /** What 4.0 claims ask beyond the scans, and the rules of the verdict. */
  v4: ClaimPolicyV4;
  /** The same as the editor shows it. */
  v4Draft: PolicyV4Input;
}

const terms = z.array(scanTermSchema);

export function toScanPolicyView(row: {
  id: string;
  name: string;
  required: unknown;
  forbidden: unknown;
  scanDelimiter: string | null;
  isDefault: boolean;
  insightsProperties: string[];
  verify: boolean;
  verifyAdvertiserName: string | null;
  verifyMinFontSizePx: number | null;
  verifyMinContrastRatio: number | null;
  verifyOptInTypes: string[];
  rules: unknown;
}): ScanPolicyView {
  return {
    id: row.id,
    name: row.name,
    required: terms.parse(row.required),
    forbidden: terms.parse(row.forbidden),
    scanDelimiter: row.scanDelimiter,
    isDefault: row.isDefault,
    v4: claimPolicyV4(row),
    v4Draft: policyV4Draft(row),
  };
}
