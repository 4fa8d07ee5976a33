// The 4.0 client against the TrustedForm simulator over real HTTP: one 4.0 claim per demo form variant gives the
// expected outcome and policy verdict; retain twice gives previously_retained; an account on 3.0 still claims as
// before; a lost answer is unknown; documented refusals become words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrustedFormSandbox, type Account } from "@/sandbox/trustedform/trustedform-sandbox";
import type { DemoVariant } from "@/sandbox/trustedform/demo-variants";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { parseCertificateUrl } from "../certificate-url";
import { claimCertificate } from "../claim-certificate";
import { emailFingerprint } from "../fingerprint";
import { INSIGHTS_PROPERTIES, type V4Request } from "./build-v4-request";
import { claimCertificateV4, ClaimOutcomeUnknownError, TrustedFormV4Error } from "./claim-certificate-v4";
import { evaluatePolicyRules, type PolicyRule } from "./evaluate-policy-rules";

let sandbox: TrustedFormSandbox;
let account: Account;

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
  account = sandbox.createAccount({ balance: 500 });
});

afterAll(async () => {
  await sandbox.stop();
});

async function demoCertificate(variant: DemoVariant): Promise<string> {
  const page = await (
    await fetch(`${sandbox.baseUrl}/demo-form?variant=${variant}`, {
      method: "POST",
      body: new URLSearchParams({ name: "Pat", email: "pat@example.com", phone: "512-555-0199", variant }),
    })
  ).text();
  const parsed = parseCertificateUrl(/id="cert-url" href="([^"]+)"/.exec(page)![1]!, sandbox.baseUrl);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.url;
}

// A claim policy as the lead will wire it: Verify criteria, the Insights data points, and rules.
const POLICY: V4Request = {
  matchLead: { email: "Pat@Example.com", phone: "(512) 555-0199" },
  retain: { reference: "lead-42", vendor: "Acme Leads" },
  insights: { properties: ["bot_detected", "seconds_on_page", "form_input_method"] },
  verify: {
    advertiser_name: "Acme Mortgage",
    min_font_size_px_required: 12,
    min_contrast_ratio_required: 4.5,
    opt_in_types_allowed: ["manual", "non-interactive"],
  },
};
const RULES: PolicyRule[] = [
  { kind: "no_bot_detected" },
  { kind: "one_to_one_consent" },
  { kind: "consent_language_approved" },
  { kind: "min_seconds_on_page", seconds: 5 },
  { kind: "lead_matched" },
];

describe("a 4.0 claim of each demo form variant", () => {
  const cases: Array<[DemoVariant, string, "pass" | "fail", string[]]> = [
    ["approved", "success", "pass", []],
    ["unapproved", "failure", "fail", ["Consent language approved: no — failed"]],
    ["many-advertisers", "failure", "fail", ["1:1 consent: no — failed"]],
    [
      "no-tags",
      "failure",
      "fail",
      [
        "1:1 consent: not checkable (the form has no consent tags, its lead source does not support it, or no advertiser name was given) — failed",
      ],
    ],
    [
      "no-consent",
      "failure",
      "fail",
      [
        "1:1 consent: not checkable (the form has no consent tags, its lead source does not support it, or no advertiser name was given) — failed",
        "Consent language approved: no (no consent language was detected) — failed",
      ],
    ],
    ["preselected", "failure", "pass", []],
    ["non-interactive", "success", "pass", []],
    ["tiny-text", "failure", "pass", []],
    [
      "bot",
      "success",
      "fail",
      ["Bot detected: yes — failed", "Time on page: 1 s (at least 5 s required) — failed"],
    ],
  ];

  it.each(cases)("%s: outcome %s, verdict %s", async (variant, outcome, verdict, failedWords) => {
    const answer = await claimCertificateV4(await demoCertificate(variant), account.api_key, POLICY);
    expect(answer.status).toBe(200);
    expect(answer.reading.unreadable).toEqual([]);
    expect(answer.reading.response.outcome).toBe(outcome);
    expect(answer.reading.response.match_lead).toMatchObject({ email_match: true, phone_match: true });
    // Fingerprints only: no contact data went to the service.
    expect(answer.sent.match_lead).toEqual({
      email: emailFingerprint("pat@example.com"),
      phone: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    const result = evaluatePolicyRules(answer.reading.response, RULES);
    expect(result.verdict).toBe(verdict);
    expect(result.rules.filter((r) => !r.passed).map((r) => r.words)).toEqual(failedWords);
  });

  it("retains twice: previously_retained the second time, with the same expiry", async () => {
    const url = await demoCertificate("approved");
    const request: V4Request = { matchLead: { email: "pat@example.com" }, retain: { reference: "r-1" } };
    const first = await claimCertificateV4(url, account.api_key, request);
    const second = await claimCertificateV4(url, account.api_key, request);
    expect(first.reading.response.retain).toMatchObject({ previously_retained: false, reference: "r-1" });
    expect(second.reading.response.retain).toMatchObject({
      previously_retained: true,
      expires_at: first.reading.response.retain!.expires_at,
    });
  });

  it("reads every Insights data point the simulator returns", async () => {
    const answer = await claimCertificateV4(await demoCertificate("approved"), account.api_key, {
      insights: { properties: [...INSIGHTS_PROPERTIES] },
    });
    expect(answer.reading.unreadable).toEqual([]);
    expect([...answer.reading.response.insights!.returned].sort()).toEqual(
      INSIGHTS_PROPERTIES.filter((p) => p !== "parent_page_url").sort(),
    );
    expect(answer.reading.response.insights!.properties!.os).toMatchObject({
      name: "Windows",
      is_mobile: false,
    });
  });

  it("says Verify is not in the plan with outcome error and the documented reason", async () => {
    const noVerify = sandbox.createAccount({ balance: 10, verify_available: false });
    const answer = await claimCertificateV4(await demoCertificate("approved"), noVerify.api_key, {
      verify: {},
    });
    expect(answer.reading.response).toMatchObject({
      outcome: "error",
      reason: "Unavailable product requested: Verify",
    });
  });
});

describe("beside 3.0, and when things go wrong", () => {
  it("leaves an account on 3.0 claiming exactly as before", async () => {
    const old = sandbox.createAccount({ balance: 10, api_version: "3.0" });
    const answer = await claimCertificate(await demoCertificate("approved"), old.api_key, {
      email: ["pat@example.com"],
    });
    expect(answer.status).toBe(201);
    expect(answer.reading.response.fingerprints?.matching).toEqual([emailFingerprint("pat@example.com")]);
  });

  it("leaves the outcome unknown on a dropped connection or a 5xx after the work, and never retries", async () => {
    const flaky = sandbox.createAccount({ balance: 10 });
    const url = await demoCertificate("approved");
    const setFaults = (faults: unknown) =>
      fetch(`${sandbox.baseUrl}/sandbox/accounts/${flaky.api_key}`, {
        method: "PATCH",
        body: JSON.stringify({ faults }),
      });
    const request: V4Request = { matchLead: { email: "pat@example.com" }, retain: {} };
    await setFaults({ endpoints: { claim: { dropNext: 1 } } });
    await expect(claimCertificateV4(url, flaky.api_key, request)).rejects.toBeInstanceOf(
      ClaimOutcomeUnknownError,
    );
    await setFaults({ endpoints: { claim: { failNext: 1, errorWhen: "after" } } });
    await expect(claimCertificateV4(url, flaky.api_key, request)).rejects.toBeInstanceOf(
      ClaimOutcomeUnknownError,
    );
    // The 5xx came after the work: the retain happened, once (the client sent nothing more).
    const stored = (await (
      await fetch(`${sandbox.baseUrl}/sandbox/certificates/${url.split("/").pop()}`)
    ).json()) as { retained: unknown[]; v4_requests: unknown[] };
    expect(stored.retained).toHaveLength(1);
    expect(stored.v4_requests).toHaveLength(1);
  });

  it("turns 401, 402, 404 and 405 into words", async () => {
    const url = await demoCertificate("approved");
    const kind = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => (error as TrustedFormV4Error).kind,
      );
    expect(await kind(claimCertificateV4(url, "tf_sandbox_wrong", { verify: {} }))).toBe("unauthorized");
    const broke = sandbox.createAccount({ balance: 0 });
    expect(await kind(claimCertificateV4(url, broke.api_key, { verify: {} }))).toBe("payment_required");
    expect(
      await kind(claimCertificateV4(`${sandbox.baseUrl}/${"e".repeat(40)}`, account.api_key, { verify: {} })),
    ).toBe("not_found");
    const sandboxed = sandbox.createCertificate({ sandbox: true });
    expect(await kind(claimCertificateV4(sandboxed.cert_url, account.api_key, { verify: {} }))).toBe(
      "sandboxed",
    );
  });
});
