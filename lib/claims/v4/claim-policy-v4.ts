// What a claim policy asks of TrustedForm 4.0, read from its row: Insights data points, Verify criteria, the rules
// that give a verdict. Shared by the request builder, the settlement and the policy editor.
import type { InsightsProperty, OptInType, VerifyCriteria } from "@/lib/trustedform/v4/build-v4-request";
import { INSIGHTS_PROPERTIES, OPT_IN_TYPES } from "@/lib/trustedform/v4/v4-vocabulary";
import { POLICY_RULE_KINDS, type PolicyRule } from "@/lib/trustedform/v4/evaluate-policy-rules";

export interface ClaimPolicyV4 {
  insightsProperties: InsightsProperty[];
  /** null: Verify is not asked for. */
  verify: VerifyCriteria | null;
  rules: PolicyRule[];
}

/** No policy: 4.0 claims retain with lead matching and ask nothing more. */
export const EMPTY_CLAIM_POLICY_V4: ClaimPolicyV4 = { insightsProperties: [], verify: null, rules: [] };

/** The 4.0 part of a policy row. Unknown values (written by an older version, or by hand) are left out. */
export function claimPolicyV4(row: {
  insightsProperties: string[];
  verify: boolean;
  verifyAdvertiserName: string | null;
  verifyMinFontSizePx: number | null;
  verifyMinContrastRatio: number | null;
  verifyOptInTypes: string[];
  rules: unknown;
}): ClaimPolicyV4 {
  const known = new Set<string>(INSIGHTS_PROPERTIES);
  const optIns = new Set<string>(OPT_IN_TYPES);
  return {
    insightsProperties: row.insightsProperties.filter((p): p is InsightsProperty => known.has(p)),
    verify: row.verify
      ? {
          ...(row.verifyAdvertiserName ? { advertiser_name: row.verifyAdvertiserName } : {}),
          ...(row.verifyMinFontSizePx ? { min_font_size_px_required: row.verifyMinFontSizePx } : {}),
          ...(row.verifyMinContrastRatio ? { min_contrast_ratio_required: row.verifyMinContrastRatio } : {}),
          ...(row.verifyOptInTypes.length
            ? { opt_in_types_allowed: row.verifyOptInTypes.filter((t): t is OptInType => optIns.has(t)) }
            : {}),
        }
      : null,
    rules: readRules(row.rules),
  };
}

function readRules(value: unknown): PolicyRule[] {
  if (!Array.isArray(value)) return [];
  const kinds = new Set<string>(POLICY_RULE_KINDS);
  return value.flatMap((rule): PolicyRule[] => {
    if (!rule || typeof rule !== "object" || !kinds.has((rule as { kind?: string }).kind ?? "")) return [];
    const kind = (rule as { kind: PolicyRule["kind"] }).kind;
    if (kind === "min_seconds_on_page") {
      const seconds = Number((rule as { seconds?: unknown }).seconds);
      return Number.isFinite(seconds) && seconds > 0 ? [{ kind, seconds }] : [];
    }
    return [{ kind }];
  });
}
