// The simulator's 4.0 answers over real HTTP: every operation, each demo form variant's Verify and Insights outcome,
// retain twice, the documented failure reasons in the documented words, the refusals shared with 3.0, the admin API
// (consent languages, Verify in the plan) and fault injection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contrastRatio, captureConsent } from "./consent-capture";
import {
  APPROVED_CONSENT,
  DEMO_VARIANTS,
  demoFormHtml,
  MANY_ADVERTISERS_CONSENT,
  UNAPPROVED_CONSENT,
  type DemoVariant,
} from "./demo-variants";
import { emailFingerprint, phoneFingerprint } from "./fingerprint";
import { INSIGHTS_PROPERTIES, languageApproved, normaliseAdvertiser } from "./operations-v4";
import { TrustedFormSandbox, type Account } from "./trustedform-sandbox";

let sandbox: TrustedFormSandbox;
let account: Account;
let base: string;

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  base = await sandbox.start();
  account = sandbox.createAccount({ balance: 1000 });
});

afterAll(async () => {
  await sandbox.stop();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const basic = (key = account.api_key) => `Basic ${Buffer.from(`API:${key}`).toString("base64")}`;

async function run(certUrl: string, body: unknown, key = account.api_key, version = "4.0") {
  const response = await fetch(certUrl, {
    method: "POST",
    headers: { authorization: basic(key), "api-version": version, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Json };
}

async function fromDemoForm(variant: DemoVariant, email = "pat@example.com", phone = "(555) 010-2030") {
  const page = await (
    await fetch(`${base}/demo-form?variant=${variant}`, {
      method: "POST",
      body: new URLSearchParams({ name: "Pat Lead", email, phone, variant }),
    })
  ).text();
  return /id="cert-url" href="([^"]+)"/.exec(page)![1]!;
}

const EVERYTHING = {
  match_lead: { email: "pat@example.com", phone: "5550102030" },
  insights: { properties: [...INSIGHTS_PROPERTIES] },
  verify: {
    advertiser_name: "ACME mortgage!",
    min_font_size_px_required: 12,
    min_contrast_ratio_required: 4.5,
    opt_in_types_allowed: ["manual", "non-interactive"],
  },
};

describe("the demo form's variants", () => {
  it("serves every variant, and refuses an unknown one", async () => {
    for (const variant of DEMO_VARIANTS) {
      const page = await fetch(`${base}/demo-form?variant=${variant}`);
      expect(page.status, variant).toBe(200);
      expect(await page.text()).toContain(`name="variant" value="${variant}"`);
    }
    expect((await fetch(`${base}/demo-form?variant=evil<script>`)).status).toBe(404);
  });

  const cases: Array<[DemoVariant, string, string | null, Json]> = [
    ["approved", "success", null, { language_approved: true, one_to_one: true, success: true }],
    [
      "unapproved",
      "failure",
      "Consent languages found were not approved in the account's consent language manager",
      { language_approved: false, one_to_one: true, success: false },
    ],
    [
      "many-advertisers",
      "failure",
      "Consent was not given to the advertiser one to one",
      { language_approved: true, one_to_one: false, success: false },
    ],
    [
      "no-tags",
      "failure",
      "This form has not been setup to allow use of One to One Consent Check",
      { language_approved: true, one_to_one: null, success: false },
    ],
    [
      "no-consent",
      "failure",
      "Consent language not detected in the certificate",
      { language_approved: false, one_to_one: null, success: false },
    ],
    [
      "preselected",
      "failure",
      "Consent opt-in type is not allowed",
      { language_approved: true, one_to_one: true, success: false },
    ],
    ["non-interactive", "success", null, { language_approved: true, one_to_one: true, success: true }],
    [
      "tiny-text",
      "failure",
      "Consent language font size is below the minimum required; Consent language contrast ratio is below the minimum required",
      { language_approved: true, one_to_one: true, success: false },
    ],
    ["bot", "success", null, { language_approved: true, one_to_one: true, success: true }],
  ];

  it.each(cases)(
    "%s gives outcome %s with its reason and Verify result",
    async (variant, outcome, reason, result) => {
      const answer = await run(await fromDemoForm(variant), EVERYTHING);
      expect(answer.status).toBe(200);
      expect(answer.body.outcome).toBe(outcome);
      expect(answer.body.reason).toBe(reason);
      expect(answer.body.verify.result).toEqual(result);
      expect(answer.body.verify).toMatchObject({
        advertiser_name: "ACME mortgage!",
        min_font_size_px_required: 12,
        min_contrast_ratio_required: 4.5,
        opt_in_types_allowed: ["manual", "non-interactive"],
      });
      expect(answer.body.match_lead.result).toEqual({ email_match: true, phone_match: true, success: true });
    },
  );

  it("records the page's consent facts: text as captured, font size, contrast, opt-in type", async () => {
    const languages = async (variant: DemoVariant) =>
      (await run(await fromDemoForm(variant), { verify: {} })).body.verify.languages;
    expect(await languages("approved")).toEqual([
      { text: APPROVED_CONSENT, font_size_px: 16, contrast_ratio: 14.63, opt_in_type: "manual" },
    ]);
    expect((await languages("many-advertisers"))[0].text).toBe(MANY_ADVERTISERS_CONSENT);
    expect((await languages("unapproved"))[0].text).toBe(UNAPPROVED_CONSENT);
    expect((await languages("preselected"))[0].opt_in_type).toBe("pre-selected");
    expect((await languages("non-interactive"))[0].opt_in_type).toBe("non-interactive");
    expect(await languages("tiny-text")).toEqual([
      expect.objectContaining({ font_size_px: 9, contrast_ratio: 1.67 }),
    ]);
    expect(await languages("no-consent")).toEqual([]);
  });

  it("gives the bot variant away in Insights, and a human variant not", async () => {
    const insights = async (variant: DemoVariant) =>
      (
        await run(await fromDemoForm(variant), {
          insights: {
            properties: ["bot_detected", "form_input_method", "seconds_on_page", "form_input_kpm"],
          },
        })
      ).body.insights.properties;
    expect(await insights("bot")).toEqual({
      bot_detected: true,
      form_input_method: ["autofill", "paste"],
      seconds_on_page: 1,
      form_input_kpm: 0,
    });
    expect(await insights("approved")).toEqual({
      bot_detected: false,
      form_input_method: ["typing"],
      seconds_on_page: 48,
      form_input_kpm: 182.4,
    });
  });

  it("leaves 1:1 consent null, and Verify successful, when no advertiser name is given", async () => {
    const answer = await run(await fromDemoForm("no-tags"), { verify: {} });
    expect(answer.body).toMatchObject({ outcome: "success", reason: null });
    expect(answer.body.verify.result).toEqual({ language_approved: true, one_to_one: null, success: true });
    const several = await run(await fromDemoForm("many-advertisers"), { verify: {} });
    expect(several.body.verify.result.one_to_one).toBeNull();
  });

  it("compares the advertiser name case-insensitively, ignoring spaces and non-alphanumerics", async () => {
    expect(normaliseAdvertiser("  Acme   Inc. ")).toBe(normaliseAdvertiser("acme inc"));
    const cert = await fromDemoForm("approved");
    const other = await run(cert, { verify: { advertiser_name: "Beta Lending" } });
    expect(other.body.verify.result.one_to_one).toBe(false);
    expect(
      (await run(cert, { verify: { advertiser_name: "acme   MORTGAGE" } })).body.verify.result.one_to_one,
    ).toBe(true);
  });
});

describe("match_lead", () => {
  it("matches raw or SHA-1 values, null for a value not sent, and fails the outcome when nothing matches", async () => {
    const cert = await fromDemoForm("approved", "Lead@Example.com", "512-789-1111");
    const hashed = await run(cert, {
      match_lead: { email: emailFingerprint("lead@example.com"), phone: phoneFingerprint("5127891111") },
    });
    expect(hashed.body).toEqual({
      outcome: "success",
      reason: null,
      match_lead: {
        email: emailFingerprint("lead@example.com"),
        phone: "12864b281c728bdca0f2102dba31308e1014fe4a",
        result: { email_match: true, phone_match: true, success: true },
      },
    });
    const partial = await run(cert, { match_lead: { email: "  LEAD@example.com " } });
    expect(partial.body.match_lead.result).toEqual({ email_match: true, phone_match: null, success: true });
    const wrong = await run(cert, { match_lead: { email: "other@example.com", phone: "512 789 1111" } });
    expect(wrong.body.match_lead.result).toEqual({ email_match: false, phone_match: true, success: true });
    const none = await run(cert, { match_lead: { phone: "000" } });
    expect(none.body).toMatchObject({ outcome: "failure", reason: "Lead match unsuccessful" });
  });
});

describe("retain", () => {
  it("retains once: previously_retained on the second retain, the same expires_at, one record", async () => {
    const cert = await fromDemoForm("approved");
    const body = {
      match_lead: { email: "pat@example.com" },
      retain: { reference: "lead-1", vendor: "Acme Co." },
    };
    const first = await run(cert, body);
    expect(first.status).toBe(200);
    expect(first.body.retain).toMatchObject({
      reference: "lead-1",
      vendor: "Acme Co.",
      results: { previously_retained: false },
    });
    const expires = Date.parse(first.body.retain.results.expires_at);
    expect(expires - Date.now()).toBeGreaterThan(1800 * 86_400_000);
    expect(first.body.retain.results.masked_cert_url).toMatch(/^http/);
    const second = await run(cert, { ...body, retain: { campaign_id: "spring" } });
    expect(second.body.retain).toEqual({
      campaign_id: "spring",
      results: { ...first.body.retain.results, previously_retained: true },
    });
    const stored = (await (
      await fetch(`${base}/sandbox/certificates/${cert.split("/").pop()}`)
    ).json()) as Json;
    expect(stored.retained).toHaveLength(1);
    expect(stored.retained[0]).toMatchObject({ reference: "lead-1", vendor: "Acme Co." });
    expect(stored.v4_requests).toHaveLength(2);
  });

  it("requires match_lead (422), and counts toward the certificate's claim limit", async () => {
    const cert = await fromDemoForm("approved");
    const refused = await run(cert, { retain: { reference: "x" } });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/requires the match_lead/);
    const limited = sandbox.createCertificate({ email: "a@b.test", max_claims: 1 });
    expect((await run(limited.cert_url, { match_lead: { email: "a@b.test" }, retain: {} })).status).toBe(200);
    const other = sandbox.createAccount({ balance: 5 });
    const late = await run(
      limited.cert_url,
      { match_lead: { email: "a@b.test" }, retain: {} },
      other.api_key,
    );
    expect(late.status).toBe(422);
    // The first account's second retain is no new claim.
    expect((await run(limited.cert_url, { match_lead: { email: "a@b.test" }, retain: {} })).status).toBe(200);
  });
});

describe("insights", () => {
  it("returns every data point asked for, with nested browser and os, and only those", async () => {
    const answer = await run(await fromDemoForm("approved"), {
      insights: { properties: [...INSIGHTS_PROPERTIES] },
    });
    const props = answer.body.insights.properties as Json;
    expect(Object.keys(props).sort()).toEqual([...INSIGHTS_PROPERTIES].sort());
    expect(props.browser).toEqual({
      full: expect.any(String),
      name: "Chrome",
      version: {
        full: expect.any(String),
        major: expect.any(String),
        minor: expect.any(String),
        patch: expect.any(String),
      },
    });
    expect(props.os).toMatchObject({ name: "Windows", is_mobile: false, version: { major: "10" } });
    expect(props.approx_ip_geo).toMatchObject({ city: "Austin", country_code: "US" });
    expect(props.confirmed_owner).toBe("Acme Mortgage");
    expect(props.page_url).toMatch(/\/demo-form\?variant=approved$/);
    expect(props.domain).toBe("127.0.0.1");
    expect(typeof props.age_seconds).toBe("number");
    const two = await run(await fromDemoForm("approved"), { insights: { properties: ["ip", "domain"] } });
    expect(Object.keys(two.body.insights.properties)).toEqual(["ip", "domain"]);
    expect(two.body.insights).not.toHaveProperty("scans");
  });

  it("answers null for behaviour a Facebook lead ad cannot have", async () => {
    const cert = sandbox.createCertificate({ format: "facebook" });
    const answer = await run(cert.cert_url, {
      insights: { properties: ["bot_detected", "seconds_on_page", "ip"] },
    });
    expect(answer.body.insights.properties).toMatchObject({ bot_detected: null, seconds_on_page: null });
  });

  it("scans: found / not_found, and 'Insights page scans unsuccessful' on a failure", async () => {
    const cert = await fromDemoForm("approved");
    const ok = await run(cert, {
      insights: {
        properties: [],
        scans: { required: "including by autodialer", forbidden: ["free iphone"] },
      },
    });
    expect(ok.body).toEqual({
      outcome: "success",
      reason: null,
      insights: {
        scans: {
          forbidden: ["free iphone"],
          required: ["including by autodialer"],
          result: {
            forbidden: { found: [], not_found: ["free iphone"] },
            required: { found: ["including by autodialer"], not_found: [] },
            success: true,
          },
        },
      },
    });
    // The simulator's variant list is not part of the snapshot.
    const bad = await run(cert, {
      insights: {
        properties: ["ip"],
        scans: { required: ["make a claim"], forbidden: ["Acme |*| partners"], delimiter: "|" },
      },
    });
    expect(bad.body).toMatchObject({ outcome: "failure", reason: "Insights page scans unsuccessful" });
    expect(bad.body.insights.scans.result).toEqual({
      forbidden: { found: ["Acme |*| partners"], not_found: [] },
      required: { found: [], not_found: ["make a claim"] },
      success: false,
    });
    expect(bad.body.insights.properties).toEqual({ ip: "203.0.113.24" });
  });
});

describe("the account's consent languages and plan (admin API)", () => {
  it("lists and replaces the approved languages, with {{*}} wildcards", async () => {
    const own = sandbox.createAccount({ balance: 50 });
    const url = `${base}/sandbox/accounts/${own.api_key}/consent-languages`;
    expect(await (await fetch(url)).json()).toEqual({
      approved: [APPROVED_CONSENT, MANY_ADVERTISERS_CONSENT],
    });
    const cert = await fromDemoForm("unapproved");
    expect((await run(cert, { verify: {} }, own.api_key)).body.verify.result.language_approved).toBe(false);
    const put = await fetch(url, {
      method: "PUT",
      body: JSON.stringify({
        approved: ["By submitting this form you agree that {{*}} may call or text you about offers."],
      }),
    });
    expect(put.status).toBe(200);
    const now = await run(cert, { verify: {} }, own.api_key);
    expect(now.body).toMatchObject({ outcome: "success", verify: { result: { language_approved: true } } });
    expect((await run(await fromDemoForm("approved"), { verify: {} }, own.api_key)).body.reason).toBe(
      "Consent languages found were not approved in the account's consent language manager",
    );
    expect((await fetch(url, { method: "PUT", body: JSON.stringify({ approved: [""] }) })).status).toBe(400);
    expect((await fetch(url, { method: "PUT", body: "nope" })).status).toBe(400);
    expect((await fetch(`${base}/sandbox/accounts/tf_sandbox_nobody/consent-languages`)).status).toBe(404);
    expect(languageApproved("I AGREE   to be called", ["i agree to be called"])).toBe(true);
    expect(languageApproved("I agree to be called, or not", ["i agree to be called"])).toBe(false);
  });

  it("answers 'Unavailable product requested: Verify' with outcome error when Verify is not in the plan", async () => {
    const own = sandbox.createAccount({ balance: 50 });
    const patch = await fetch(`${base}/sandbox/accounts/${own.api_key}`, {
      method: "PATCH",
      body: JSON.stringify({ verify_available: false }),
    });
    expect(patch.status).toBe(200);
    const answer = await run(
      await fromDemoForm("approved"),
      { match_lead: { email: "pat@example.com" }, verify: {} },
      own.api_key,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      outcome: "error",
      reason: "Unavailable product requested: Verify",
      match_lead: { result: { success: true } },
      verify: { languages: [], result: { language_approved: null, one_to_one: null, success: false } },
    });
  });

  it("uses the account's verification criteria, which a request's values override", async () => {
    const own = sandbox.createAccount({ balance: 50 });
    await fetch(`${base}/sandbox/accounts/${own.api_key}`, {
      method: "PATCH",
      body: JSON.stringify({
        verification_criteria: { advertiser_name: "Beta Lending", min_font_size_px_required: 20 },
      }),
    });
    const cert = await fromDemoForm("approved");
    const account = await run(cert, { verify: {} }, own.api_key);
    expect(account.body.verify).toMatchObject({
      advertiser_name: "Beta Lending",
      result: { one_to_one: false },
    });
    expect(account.body.reason).toContain("font size");
    const request = await run(
      cert,
      { verify: { advertiser_name: "Acme Mortgage", min_font_size_px_required: 10 } },
      own.api_key,
    );
    expect(request.body).toMatchObject({ outcome: "success", verify: { advertiser_name: "Acme Mortgage" } });
    const bad = await fetch(`${base}/sandbox/accounts/${own.api_key}`, {
      method: "PATCH",
      body: JSON.stringify({ verification_criteria: { opt_in_types_allowed: ["checkbox"] } }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("refusals shared with 3.0, and faults", () => {
  it("answers 401, 402, 404, 405 (sandboxed; GET), 400 and 422 in 4.0", async () => {
    const cert = await fromDemoForm("approved");
    expect((await run(cert, { verify: {} }, "tf_sandbox_wrong")).status).toBe(401);
    const broke = sandbox.createAccount({ balance: 0 });
    expect((await run(cert, { verify: {} }, broke.api_key)).status).toBe(402);
    expect((await run(`${base}/${"c".repeat(40)}`, { verify: {} })).status).toBe(404);
    const expired = sandbox.createCertificate({
      created_at: new Date(Date.now() - 80 * 3_600_000).toISOString(),
    });
    expect((await run(expired.cert_url, { verify: {} })).status).toBe(404);
    expect((await run(sandbox.createCertificate({ sandbox: true }).cert_url, { verify: {} })).status).toBe(
      405,
    );
    const get = await fetch(cert, { headers: { authorization: basic(), "api-version": "4.0" } });
    expect(get.status).toBe(405);
    expect((await run(cert, "{not json")).status).toBe(400);
    for (const body of [
      {},
      { something: {} },
      { verify: [] },
      { match_lead: {} },
      { match_lead: { email: 42 } },
      { insights: { properties: ["credit_score"] } },
      { insights: { properties: [] } },
      { insights: { properties: ["ip"], scans: { required: [42] } } },
      { verify: { opt_in_types_allowed: ["checkbox"] } },
      { verify: { min_font_size_px_required: "16" } },
    ]) {
      const refused = await run(cert, body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(typeof refused.body.message).toBe("string");
    }
  });

  it("charges one per 4.0 answer and none for a refusal", async () => {
    const own = sandbox.createAccount({ balance: 3 });
    const cert = await fromDemoForm("approved");
    await run(cert, { verify: {} }, own.api_key);
    await run(cert, { retain: {} }, own.api_key);
    expect(sandbox.listAccounts().find((a) => a.api_key === own.api_key)!.balance).toBe(2);
  });

  it("drops the connection or answers a 5xx after retaining, through the `claim` endpoint's faults", async () => {
    const own = sandbox.createAccount({ balance: 50 });
    const setFaults = (faults: unknown) =>
      fetch(`${base}/sandbox/accounts/${own.api_key}`, { method: "PATCH", body: JSON.stringify({ faults }) });
    const cert = await fromDemoForm("approved");
    const body = { match_lead: { email: "pat@example.com" }, retain: {} };
    await setFaults({ endpoints: { claim: { dropNext: 1 } } });
    await expect(run(cert, body, own.api_key)).rejects.toThrow();
    await setFaults({ endpoints: { claim: { failNext: 1, errorWhen: "after" } } });
    const gateway = await fetch(cert, {
      method: "POST",
      headers: {
        authorization: basic(own.api_key),
        "api-version": "4.0",
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });
    expect(gateway.status).toBe(503);
    expect(await gateway.text()).toContain("Service Unavailable");
    const again = await run(cert, body, own.api_key);
    expect(again.body.retain.results.previously_retained).toBe(true);
    await setFaults({ endpoints: { claim: { answerBody: '{"surprise":true}' } } });
    expect(await run(cert, body, own.api_key)).toEqual({ status: 200, body: { surprise: true } });
  });

  it("answers 4.0 without the header for an account set to 4.0, and 3.0 as before with the header", async () => {
    const modern = sandbox.createAccount({ balance: 10, api_version: "4.0" });
    const cert = sandbox.createCertificate({ email: "a@b.test" });
    const plain = await fetch(cert.cert_url, {
      method: "POST",
      headers: { authorization: basic(modern.api_key), "content-type": "application/json" },
      body: JSON.stringify({ match_lead: { email: "a@b.test" } }),
    });
    expect(plain.status).toBe(200);
    expect(await plain.json()).toMatchObject({ outcome: "success" });
    const old = await run(cert.cert_url, { email: "a@b.test" }, modern.api_key, "3.0");
    expect(old.status).toBe(201);
    expect(old.body.fingerprints.matching).toEqual([emailFingerprint("a@b.test")]);
  });
});

describe("consent capture", () => {
  it("computes WCAG contrast ratios and reads the tagged facts of a page", () => {
    expect(contrastRatio("#000", "#fff")).toBe(21);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
    expect(contrastRatio("red", "#fff")).toBeNull();
    expect(captureConsent(demoFormHtml("many-advertisers", false))).toEqual({
      text: MANY_ADVERTISERS_CONSENT,
      advertisers: ["Acme Mortgage", "Beta Lending", "Gamma Home Loans"],
      font_size_px: 16,
      contrast_ratio: 14.63,
      opt_in_type: "manual",
    });
    expect(captureConsent("<p>I agree</p>")).toEqual({
      text: null,
      advertisers: null,
      font_size_px: null,
      contrast_ratio: null,
      opt_in_type: "non-interactive",
    });
  });
});
