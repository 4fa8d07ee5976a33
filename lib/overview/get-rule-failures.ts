// Table "Policy rules failed" (4.0): of the claims of the range whose policy verdict was fail, how many failed each
// rule (a claim failing two rules counts under both), and how many of those failed because the fact was not in the
// answer. From Claim.verdictRules, the rule results saved with the verdict (lib/trustedform/v4/evaluate-policy-rules.ts),
// counted per day by the database (certdesk_claim_overview_facts).
import type { TenantContext } from "@/lib/core/tenant-context";
import {
  describePolicyRule,
  POLICY_RULE_KINDS,
  type PolicyRule,
} from "@/lib/trustedform/v4/evaluate-policy-rules";
import { countsWithin, type OverviewFilters } from "./overview-filters";

export interface RuleFailures {
  /** Claims of the range with a verdict, and those whose verdict was fail. */
  judged: number;
  failed: number;
  rules: Array<{ kind: string; label: string; count: number; unknownFact: number }>;
}

const KNOWN = new Set<string>(POLICY_RULE_KINDS);

export async function getRuleFailures(ctx: TenantContext, filters: OverviewFilters): Promise<RuleFailures> {
  const rows = await ctx.db.$queryRaw<Array<{ metric: string; label: string; count: number }>>`
    SELECT metric, label, sum(count)::int AS count
    FROM "ClaimDailyCount"
    WHERE "tenantId" = ${ctx.tenantId}::uuid AND metric IN ('verdict', 'rule', 'ruleUnknownFact')
      AND ${countsWithin(filters)}
    GROUP BY metric, label
    HAVING sum(count) <> 0`;
  const count = (metric: string, label: string) =>
    Number(rows.find((row) => row.metric === metric && row.label === label)?.count ?? 0);
  const rules = rows
    .filter((row) => row.metric === "rule")
    .map((row) => ({
      kind: row.label,
      label: KNOWN.has(row.label) ? ruleLabel(row.label as PolicyRule["kind"]) : `Rule "${row.label}"`,
      count: Number(row.count),
      unknownFact: count("ruleUnknownFact", row.label),
    }))
    .sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
  return {
    judged: count("verdict", "pass") + count("verdict", "fail"),
    failed: count("verdict", "fail"),
    rules,
  };
}

function ruleLabel(kind: PolicyRule["kind"]): string {
  // min_seconds_on_page's words name its threshold; the table counts every threshold together.
  return kind === "min_seconds_on_page"
    ? "Time on page must reach the minimum"
    : describePolicyRule({ kind });
}
