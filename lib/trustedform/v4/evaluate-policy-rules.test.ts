// Policy rules in words, against published answers and answers missing the fact a rule reads.
import { describe, expect, it } from "vitest";
import leadconduit from "../fixtures/claim-4.0-leadconduit.json";
import verifyFailures from "../fixtures/claim-4.0-verify-failures.json";
import {
  describeLeadMatch,
  describePolicyRule,
  evaluatePolicyRules,
  type PolicyRule,
} from "./evaluate-policy-rules";
import { readV4Response, type V4Response } from "./read-v4-response";

const success = readV4Response(leadconduit.responses[0]!.body).response;

function withInsights(props: Record<string, unknown>): V4Response {
  return readV4Response({ outcome: "success", reason: null, insights: { properties: props } }).response;
}

describe("evaluatePolicyRules", () => {
  it("passes when every rule passes, each in words", () => {
    const result = evaluatePolicyRules(success, [
      { kind: "min_seconds_on_page", seconds: 10 },
      { kind: "lead_matched" },
      { kind: "outcome_success" },
    ]);
    expect(result.verdict).toBe("pass");
    expect(result.rules.map((r) => r.words)).toEqual([
      "Time on page: 8374 s (at least 10 s required) — passed",
      "Lead match: email matched, phone did not match — passed",
      "TrustedForm outcome: success — passed",
    ]);
  });

  it("fails on a bot, a short visit, and a failed outcome with its reason", () => {
    const bot = withInsights({ bot_detected: true, seconds_on_page: 1 });
    const result = evaluatePolicyRules(bot, [
      { kind: "no_bot_detected" },
      { kind: "min_seconds_on_page", seconds: 5 },
    ]);
    expect(result.verdict).toBe("fail");
    expect(result.rules.map((r) => [r.passed, r.words])).toEqual([
      [false, "Bot detected: yes — failed"],
      [false, "Time on page: 1 s (at least 5 s required) — failed"],
    ]);
    expect(evaluatePolicyRules(withInsights({ bot_detected: false }), [{ kind: "no_bot_detected" }])).toEqual(
      {
        verdict: "pass",
        rules: [
          {
            rule: { kind: "no_bot_detected" },
            passed: true,
            known: true,
            words: "Bot detected: no — passed",
          },
        ],
      },
    );
    const failed = readV4Response(leadconduit.responses[1]!.body).response;
    expect(evaluatePolicyRules(failed, [{ kind: "outcome_success" }]).rules[0]!.words).toBe(
      "TrustedForm outcome: failure (Insights page scans unsuccessful) — failed",
    );
  });

  it("judges Verify: approved language, 1:1 true / false / not checkable", () => {
    const rules: PolicyRule[] = [{ kind: "consent_language_approved" }, { kind: "one_to_one_consent" }];
    const words = (index: number) =>
      evaluatePolicyRules(readV4Response(verifyFailures.responses[index]!.body).response, rules).rules.map(
        (r) => r.words,
      );
    expect(words(1)).toEqual([
      "Consent language approved: no (no consent language was detected) — failed",
      "1:1 consent: not checkable (the form has no consent tags, its lead source does not support it, or no advertiser name was given) — failed",
    ]);
    expect(words(2)[0]).toBe("Consent language approved: no — failed");
    expect(words(3)[0]).toBe("Consent language approved: yes — passed");
    expect(words(4)[1]).toBe("1:1 consent: no — failed");
    const good = readV4Response({
      outcome: "success",
      verify: {
        languages: [{ text: "x" }],
        result: { language_approved: true, one_to_one: true, success: true },
      },
    }).response;
    expect(evaluatePolicyRules(good, rules).verdict).toBe("pass");
  });

  it("never passes a rule whose fact is missing, and says why", () => {
    const empty = readV4Response({ outcome: "success" }).response;
    const result = evaluatePolicyRules(empty, [
      { kind: "no_bot_detected" },
      { kind: "one_to_one_consent" },
      { kind: "consent_language_approved" },
      { kind: "min_seconds_on_page", seconds: 3 },
      { kind: "lead_matched" },
    ]);
    expect(result.verdict).toBe("fail");
    expect(result.rules.every((r) => !r.passed && !r.known)).toBe(true);
    expect(result.rules.map((r) => r.words)).toEqual([
      "Bot detected: not known (bot_detected was not returned) — failed",
      "1:1 consent: not known (Verify was not run) — failed",
      "Consent language approved: not known (Verify was not run) — failed",
      "Time on page: not known (seconds_on_page was not returned; at least 3 s required) — failed",
      "Lead match: not known (lead matching was not run) — failed",
    ]);
    expect(
      evaluatePolicyRules(readV4Response("garbage").response, [{ kind: "outcome_success" }]).rules[0]!.words,
    ).toBe("TrustedForm outcome: not known (no outcome in the answer) — failed");
  });

  it("passes with no rules, and a lead match without `success` counts any match", () => {
    expect(evaluatePolicyRules(success, []).verdict).toBe("pass");
    const noSuccess = readV4Response({
      outcome: "failure",
      match_lead: { result: { email_match: false, phone_match: true } },
    }).response;
    expect(evaluatePolicyRules(noSuccess, [{ kind: "lead_matched" }]).rules[0]!.passed).toBe(true);
    expect(describeLeadMatch(noSuccess.match_lead)).toBe("email did not match, phone matched");
    expect(describeLeadMatch(readV4Response({ match_lead: { result: {} } }).response.match_lead)).toBe(
      "email not sent, phone not sent",
    );
    expect(describeLeadMatch(null)).toBeNull();
  });

  it("describes each rule for the policy editor", () => {
    expect(describePolicyRule({ kind: "min_seconds_on_page", seconds: 15 })).toBe(
      "Time on page must be at least 15 s",
    );
    expect(describePolicyRule({ kind: "no_bot_detected" })).toBe("Bot detected must be no");
  });
});
