// The 4.0 claim's request from a policy, and what an answer writes on the claim, against ActiveProspect's published
// answers (lib/trustedform/fixtures/claim-4.0-*.json) and shapes that differ from them.
import { describe, expect, it } from "vitest";
import leadconduit from "@/lib/trustedform/fixtures/claim-4.0-leadconduit.json";
import { buildV4Body } from "@/lib/trustedform/v4/build-v4-request";
import { readV4Response } from "@/lib/trustedform/v4/read-v4-response";
import { claimPolicyV4 } from "./claim-policy-v4";
import { claimRequestV4, notRetainedReason } from "./claim-request-v4";
import { claimedSettlementV4 } from "./claim-settlement-v4";

const policyRow = {
  insightsProperties: ["bot_detected", "seconds_on_page", "not_a_property"],
  verify: true,
  verifyAdvertiserName: "Acme Inc.",
  verifyMinFontSizePx: 10,
  verifyMinContrastRatio: null,
  verifyOptInTypes: ["manual", "sideways"],
  rules: [
    { kind: "no_bot_detected" },
    { kind: "min_seconds_on_page", seconds: 5 },
    { kind: "min_seconds_on_page", seconds: "x" },
    { kind: "drop_tables" },
    "not an object",
  ],
};
const input = {
  emailFingerprint: "a".repeat(40),
  phoneFingerprint: null,
  reference: "lead-1",
  vendor: "Vendor A",
  required: ["I agree"],
  forbidden: [],
  scanDelimiter: null,
};

function answer(body: unknown) {
  return { status: 200, raw: body, reading: readV4Response(body), sent: {} };
}

describe("a 4.0 claim policy", () => {
  it("keeps only the data points, opt-in types and rules it knows", () => {
    const policy = claimPolicyV4(policyRow);
    expect(policy.insightsProperties).toEqual(["bot_detected", "seconds_on_page"]);
    expect(policy.verify).toEqual({
      advertiser_name: "Acme Inc.",
      min_font_size_px_required: 10,
      opt_in_types_allowed: ["manual"],
    });
    expect(policy.rules).toEqual([{ kind: "no_bot_detected" }, { kind: "min_seconds_on_page", seconds: 5 }]);
    expect(claimPolicyV4({ ...policyRow, verify: false, rules: { kind: "no_bot_detected" } })).toMatchObject({
      verify: null,
      rules: [],
    });
  });
});

describe("a 4.0 claim's request", () => {
  it("matches and retains with fingerprints only, and asks Insights and Verify as the policy says", () => {
    const request = claimRequestV4(input, claimPolicyV4(policyRow));
    const built = buildV4Body(request);
    expect(built.ok).toBe(true);
    const body = (built as { body: Record<string, Record<string, unknown>> }).body;
    expect(body.match_lead).toEqual({ email: "a".repeat(40) });
    expect(body.retain).toEqual({ reference: "lead-1", vendor: "Vendor A" });
    expect(body.insights).toMatchObject({ properties: ["bot_detected", "seconds_on_page"] });
    expect(body.verify).toMatchObject({ advertiser_name: "Acme Inc." });
    expect(JSON.stringify(body)).not.toContain("@");
  });

  it("does not retain without an email or phone, and says why", () => {
    const noContact = { ...input, emailFingerprint: null };
    const request = claimRequestV4(noContact, claimPolicyV4(policyRow));
    expect(request.retain).toBeUndefined();
    expect(request.matchLead).toBeUndefined();
    expect(notRetainedReason(noContact)).toMatch(/needs the lead's email or phone/);
    expect(notRetainedReason(input)).toBeNull();
  });
});

describe("what a 4.0 answer writes on its claim", () => {
  it("copies the published success answer's facts and judges it by the policy's rules", () => {
    const published = leadconduit.responses[0]!.body;
    const settled = claimedSettlementV4(
      answer(published),
      [{ kind: "lead_matched" }, { kind: "min_seconds_on_page", seconds: 10 }, { kind: "no_bot_detected" }],
      null,
    );
    expect(settled).toMatchObject({
      status: "claimed",
      apiVersion: "v4_0",
      outcome: "success",
      fingerprintMatch: true,
      emailMatch: true,
      phoneMatch: false,
      previouslyRetained: true,
      secondsOnPage: 8374,
      requiredFound: 1,
      requiredTotal: 1,
      // bot_detected was not in the answer: the rule cannot pass.
      verdict: "fail",
    });
    expect(settled.retainedUntil?.toISOString()).toBe("2023-08-29T20:43:31.387Z");
    expect(settled.verdictRules?.map((r) => r.passed)).toEqual([true, true, false]);
  });

  it("records a billed failure as claimed, with the published reason kept in the raw answer", () => {
    const failure = leadconduit.responses.find((r) => r.name.includes("scans unsuccessful"))!.body;
    const settled = claimedSettlementV4(answer(failure), [], null);
    expect(settled.status).toBe("claimed");
    expect(settled.outcome).toBe("failure");
    expect(settled.verdict).toBeNull();
    expect(settled.response).toEqual(failure);
  });

  it("keeps a differently shaped answer and says what it could not read", () => {
    const odd = {
      outcome: "success",
      insights: { properties: { bot_detected: { nested: true } } },
      retain: "x",
    };
    const settled = claimedSettlementV4(answer(odd), [{ kind: "no_bot_detected" }], null);
    expect(settled.status).toBe("claimed");
    expect(settled.botDetected).toBeNull();
    expect(settled.verdict).toBe("fail");
    expect(settled.errorMessage).toMatch(/could not read part of its answer/);
    expect(settled.errorMessage).not.toContain("nested");
  });

  it("names a Verify missing from the plan and a claim not retained", () => {
    const settled = claimedSettlementV4(
      answer({ outcome: "error", reason: "Unavailable product requested: Verify" }),
      [],
      "Not retained: no email or phone.",
    );
    expect(settled.outcome).toBeNull();
    expect(settled.errorMessage).toMatch(/Verify is not in this TrustedForm account's plan/);
    expect(settled.errorMessage).toMatch(/Not retained/);
  });
});
