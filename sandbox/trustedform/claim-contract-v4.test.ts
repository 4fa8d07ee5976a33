// The simulator's 4.0 answers against ActiveProspect's published 4.0 samples (lib/trustedform/fixtures/claim-4.0-*):
// it must accept every published request and answer in the published shapes. The client is held to the same
// fixtures in lib/trustedform/v4/claim-contract-v4.test.ts, so neither can drift to the other's reading.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import leadconduit from "@/lib/trustedform/fixtures/claim-4.0-leadconduit.json";
import portal from "@/lib/trustedform/fixtures/claim-4.0-developer-portal.json";
import verifyFailures from "@/lib/trustedform/fixtures/claim-4.0-verify-failures.json";
import { TrustedFormSandbox, type Account } from "./trustedform-sandbox";

let sandbox: TrustedFormSandbox;
let account: Account;

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  await sandbox.start();
  account = sandbox.createAccount({ balance: 1000 });
});

afterAll(async () => {
  await sandbox.stop();
});

const basic = (user: string) => `Basic ${Buffer.from(`${user}:${account.api_key}`).toString("base64")}`;

function certificate() {
  return sandbox.createCertificate({
    variant: "approved",
    email: ["test@activeprospect.com", "janedoe@gmail.com"],
    phone: "5122981234",
    max_claims: 100,
  });
}

async function post(url: string, headers: Record<string, string>, body: unknown, user = "API") {
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: basic(user), ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function shapeOf(value: unknown): unknown {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (typeof value === "object")
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

/** Every key of the published sample is in the answer, with the same shape (nulls and empty lists match any). */
function expectPublishedShape(answer: unknown, published: unknown, path = "") {
  const want = shapeOf(published);
  if (want === "null") return;
  if (Array.isArray(want)) {
    expect(Array.isArray(answer), path).toBe(true);
    const list = answer as unknown[];
    if (want.length && list.length) expectPublishedShape(list[0], (published as unknown[])[0], `${path}[0]`);
    return;
  }
  if (typeof want === "object") {
    expect(answer !== null && typeof answer === "object" && !Array.isArray(answer), path).toBe(true);
    for (const [key, value] of Object.entries(published as object)) {
      expect(answer, `${path}.${key}`).toHaveProperty([key]);
      expectPublishedShape((answer as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  if ((answer as unknown) !== null) expect(typeof answer, path).toBe(want);
}

describe("published 4.0 requests and answers", () => {
  it("accepts LeadConduit's three requests as sent (username X) and answers 200", async () => {
    const outcomes = [];
    for (const request of leadconduit.requests) {
      const answer = await post(certificate().cert_url, request.headers, request.body, "X");
      expect(answer.status, request.name).toBe(200);
      outcomes.push([answer.body.outcome, answer.body.reason]);
    }
    // The demo form has no "click here!": the third request's scan fails, in the documented words.
    expect(outcomes).toEqual([
      ["success", null],
      ["success", null],
      ["failure", "Insights page scans unsuccessful"],
    ]);
  });

  it("answers in the shape of LeadConduit's success sample (insights, scans, match_lead, retain `results`)", async () => {
    const cert = certificate();
    const published = leadconduit.responses[0]!.body;
    const request = {
      ...leadconduit.requests[0]!.body,
      insights: {
        properties: leadconduit.requests[0]!.body.insights!.properties,
        scans: { required: ["Get my quote"], forbidden: [] },
      },
    };
    await post(cert.cert_url, { "api-version": "4.0", "content-type": "application/json" }, request);
    // The second retain, as in the sample (previously_retained: true).
    const answer = await post(
      cert.cert_url,
      { "api-version": "4.0", "content-type": "application/json" },
      request,
    );
    expectPublishedShape(answer.body, published);
    expect(answer.body).toMatchObject({
      outcome: "success",
      reason: null,
      retain: { results: { previously_retained: true } },
    });
  });

  it("answers the failure sample's shape and words when a required scan term is missing", async () => {
    const published = leadconduit.responses[1]!.body;
    const answer = await post(
      certificate().cert_url,
      { "api-version": "4.0", "content-type": "application/json" },
      { insights: { properties: [], scans: { required: ["make a claim on Production"] } } },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(published);
  });

  it("accepts the portal's request with every operation and answers in its shapes", async () => {
    const answer = await post(
      certificate().cert_url,
      { "api-version": "4.0", "content-type": "application/json" },
      portal.request.body,
    );
    expect(answer.status).toBe(200);
    // The portal's sample writes `reason` and `previously_retained` as texts ("null", "false"); the simulator sends
    // the types the documentation describes, so those two are compared as null and false.
    const published = structuredClone(portal.response.body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    published.reason = null;
    published.retain.results.previously_retained = false;
    // The sample echoes a phone its request never sent; the simulator echoes what was sent.
    delete published.match_lead.phone;
    expectPublishedShape(answer.body, published);
    expectPublishedShape(
      answer.body.match_lead,
      Object.fromEntries(Object.entries(portal.match_lead_result).filter(([key]) => key !== "phone")),
    );
    expectPublishedShape(answer.body.verify, portal.verify_result);
    expect((answer.body.insights as { properties: object }).properties).toHaveProperty("bot_detected");
  });

  it("answers each documented Verify failure in its fixture's shape and words", async () => {
    const shapes = Object.fromEntries(verifyFailures.responses.map((r) => [r.body.reason, r.body]));
    const unavailable = sandbox.createAccount({ balance: 10, verify_available: false });
    const cases: Array<[string, string, Account]> = [
      ["approved", "Unavailable product requested: Verify", unavailable],
      ["no-consent", "Consent language not detected in the certificate", account],
      [
        "unapproved",
        "Consent languages found were not approved in the account's consent language manager.",
        account,
      ],
      ["no-tags", "This form has not been setup to allow use of One to One Consent Check", account],
    ];
    for (const [variant, reason, who] of cases) {
      const cert = sandbox.createCertificate({ variant: variant as "approved" });
      const response = await fetch(cert.cert_url, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`API:${who.api_key}`).toString("base64")}`,
          "api-version": "4.0",
          "content-type": "application/json",
        },
        body: JSON.stringify({ verify: { advertiser_name: "Acme Mortgage" } }),
      });
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.reason, variant).toBe(reason.replace(/\.$/, ""));
      expectPublishedShape(body, shapes[reason], variant);
    }
  });
});
