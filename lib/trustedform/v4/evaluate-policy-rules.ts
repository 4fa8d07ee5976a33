// A claim policy's rules give a 4.0 claim a verdict beyond TrustedForm's own `outcome`: each rule reads one fact of
// the parsed answer and passes or fails, in words a reviewer reads on the claim page. A rule whose fact TrustedForm
// did not return (not asked for, null for that certificate, or the operation not run) cannot pass: it fails and says
// the fact is not known, so a missing answer never reads as a good one. The verdict is a recommendation; the
// reviewer's decision stays the decision. Pure: no I/O, never throws.
import type { V4MatchLead, V4Response } from "./read-v4-response";

export type PolicyRule =
  | { kind: "no_bot_detected" }
  | { kind: "one_to_one_consent" }
  | { kind: "consent_language_approved" }
  | { kind: "min_seconds_on_page"; seconds: number }
  | { kind: "lead_matched" }
  | { kind: "outcome_success" };

export const POLICY_RULE_KINDS = [
  "no_bot_detected",
  "one_to_one_consent",
  "consent_language_approved",
  "min_seconds_on_page",
  "lead_matched",
  "outcome_success",
] as const satisfies ReadonlyArray<PolicyRule["kind"]>;

export interface RuleResult {
  rule: PolicyRule;
  passed: boolean;
  /** false: the fact the rule reads was not in the answer. */
  known: boolean;
  /** e.g. "Bot detected: no — passed". */
  words: string;
}

export interface PolicyVerdict {
  verdict: "pass" | "fail";
  rules: RuleResult[];
}

/** What the rule asks, for the policy editor: "Bot detected must be no". */
export function describePolicyRule(rule: PolicyRule): string {
  switch (rule.kind) {
    case "no_bot_detected":
      return "Bot detected must be no";
    case "one_to_one_consent":
      return "1:1 consent must be yes";
    case "consent_language_approved":
      return "Consent language must be approved";
    case "min_seconds_on_page":
      return `Time on page must be at least ${rule.seconds} s`;
    case "lead_matched":
      return "The lead must match the certificate (email or phone)";
    case "outcome_success":
      return "TrustedForm's outcome must be success";
  }
}

const yesNo = (value: boolean) => (value ? "yes" : "no");

/** "email matched, phone did not match", "email not sent, phone matched", or null when no lead match was run. */
export function describeLeadMatch(match: V4MatchLead | null): string | null {
  if (!match) return null;
  const part = (name: string, value: boolean | null) =>
    value === null ? `${name} not sent` : value ? `${name} matched` : `${name} did not match`;
  return `${part("email", match.email_match)}, ${part("phone", match.phone_match)}`;
}

function judge(
  rule: PolicyRule,
  response: V4Response,
): Omit<RuleResult, "rule" | "words"> & { fact: string } {
  const props = response.insights?.properties ?? null;
  switch (rule.kind) {
    case "no_bot_detected": {
      const value = props?.bot_detected ?? null;
      if (value === null)
        return { passed: false, known: false, fact: "not known (bot_detected was not returned)" };
      return { passed: value === false, known: true, fact: yesNo(value) };
    }
    case "one_to_one_consent": {
      if (!response.verify) return { passed: false, known: false, fact: "not known (Verify was not run)" };
      const value = response.verify.one_to_one;
      if (value === null)
        return {
          passed: false,
          known: false,
          fact: "not checkable (the form has no consent tags, its lead source does not support it, or no advertiser name was given)",
        };
      return { passed: value, known: true, fact: yesNo(value) };
    }
    case "consent_language_approved": {
      if (!response.verify) return { passed: false, known: false, fact: "not known (Verify was not run)" };
      const value = response.verify.language_approved;
      if (value === null) return { passed: false, known: false, fact: "not known" };
      if (!value && response.verify.languages.length === 0)
        return { passed: false, known: true, fact: "no (no consent language was detected)" };
      return { passed: value, known: true, fact: yesNo(value) };
    }
    case "min_seconds_on_page": {
      const value = props?.seconds_on_page ?? null;
      const wanted = `at least ${rule.seconds} s required`;
      if (value === null)
        return {
          passed: false,
          known: false,
          fact: `not known (seconds_on_page was not returned; ${wanted})`,
        };
      return { passed: value >= rule.seconds, known: true, fact: `${value} s (${wanted})` };
    }
    case "lead_matched": {
      const match = response.match_lead;
      if (!match) return { passed: false, known: false, fact: "not known (lead matching was not run)" };
      const words = describeLeadMatch(match)!;
      const success = match.success ?? (match.email_match === true || match.phone_match === true);
      return { passed: success, known: true, fact: words };
    }
    case "outcome_success": {
      const value = response.outcome;
      if (value === null)
        return { passed: false, known: false, fact: "not known (no outcome in the answer)" };
      const reason = response.reason ? ` (${response.reason})` : "";
      return { passed: value === "success", known: true, fact: `${value}${reason}` };
    }
  }
}

const LABELS: Record<PolicyRule["kind"], string> = {
  no_bot_detected: "Bot detected",
  one_to_one_consent: "1:1 consent",
  consent_language_approved: "Consent language approved",
  min_seconds_on_page: "Time on page",
  lead_matched: "Lead match",
  outcome_success: "TrustedForm outcome",
};

export function evaluatePolicyRules(response: V4Response, rules: PolicyRule[]): PolicyVerdict {
  const results = rules.map((rule): RuleResult => {
    const { passed, known, fact } = judge(rule, response);
    return { rule, passed, known, words: `${LABELS[rule.kind]}: ${fact} — ${passed ? "passed" : "failed"}` };
  });
  return { verdict: results.every((r) => r.passed) ? "pass" : "fail", rules: results };
}
