// The simulator against ActiveProspect's published samples (lib/trustedform/fixtures): it must accept every published
// request and answer in the published shapes, in the version asked for. The client is held to the same fixtures in
// lib/trustedform/claim-contract.test.ts, so neither can drift to the other's reading.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import api2 from "@/lib/trustedform/fixtures/claim-2.0-api-client-scan.json";
import gist from "@/lib/trustedform/fixtures/claim-2.0-gist.json";
import documentSample from "@/lib/trustedform/fixtures/claim-3.0-document-sample.json";
import templates from "@/lib/trustedform/fixtures/claim-3.0-document-templates.json";
import portal from "@/lib/trustedform/fixtures/claim-3.0-developer-portal.json";
import insights from "@/lib/trustedform/fixtures/claim-3.0-insights.json";
import consent from "@/lib/trustedform/fixtures/claim-3.0-leadconduit-consent.json";
import { emailFingerprint } from "./fingerprint";
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

const basic = (user = "API", key = account.api_key) =>
  `Basic ${Buffer.from(`${user}:${key}`).toString("base64")}`;

function certificate() {
  return sandbox.createCertificate({
    page_text:
      "I agree to the terms of service. By clicking I consent on behalf of Acme Co. at the telephone number provided.",
    email: "user@example.com",
    phone: "999-999-0909",
    max_claims: 100,
  });
}

async function post(url: string, headers: Record<string, string>, body: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: basic(), ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The JSON "shape" of a value: object keys with their shapes, a list's first element, or the primitive type. */
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

const RESPONSE_3_0 = [
  "cert",
  "fingerprints",
  "is_masked",
  "masked_cert_url",
  "outcome",
  "reason",
  "scans",
  "share_url",
  "warnings",
];

describe("published 3.0 requests, answered in the published 3.0 shapes", () => {
  it("accepts the claim document's JSON sample and answers in its shape and the portal's", async () => {
    const cert = certificate();
    const answer = await post(
      cert.cert_url,
      documentSample.request.headers,
      JSON.stringify(documentSample.request.body),
    );
    expect(answer.status).toBe(201);
    expectPublishedShape(answer.body, documentSample.response.body);
    expectPublishedShape(answer.body, portal.response.body);
    expect(Object.keys(answer.body).every((key) => RESPONSE_3_0.includes(key))).toBe(true);
    expect(answer.body).toMatchObject({
      outcome: "success",
      scans: {
        required_found: ["I agree to the terms of service"],
        forbidden_not_found: ["I do not agree to the terms of service"],
      },
    });
    expect((answer.body.fingerprints as { matching: string[] }).matching).toContain(
      emailFingerprint("user@example.com"),
    );
  });

  it("answers consent+data with the Insights sample's cert shape (version objects, input-method list)", async () => {
    const answer = await post(
      certificate().cert_url,
      { ...insights.request.headers },
      JSON.stringify(insights.request.body),
    );
    expect(answer.status).toBe(201);
    expectPublishedShape(answer.body, insights.response.body);
    // The sample's base64 fingerprint is the SHA-1 of its own email: answered once, as hex, the form every
    // published answer uses.
    const hex = Buffer.from(insights.request.body.fingerprint, "base64").toString("hex");
    expect(hex).toBe(emailFingerprint("user@example.com"));
    expect((answer.body.fingerprints as { matching: string[] }).matching).toEqual([hex]);
  });

  it("accepts the Templating example (as JSON it must be) and refuses the published text, which is not JSON", async () => {
    const cert = certificate();
    const answer = await post(
      cert.cert_url,
      templates.request.headers,
      JSON.stringify(templates.request.body),
    );
    expect(answer.status).toBe(201);
    expect((answer.body.scans as { required_found: string[] }).required_found).toEqual([
      "on behalf of {{company}} at the telephone number",
    ]);
    expect((await post(cert.cert_url, templates.request.headers, templates.verbatim)).status).toBe(400);
  });

  it("accepts ActiveProspect's own 3.0 request: username X, form-encoded, api-version 3.0", async () => {
    const cert = certificate();
    const answer = await post(
      cert.cert_url,
      { ...consent.request.headers, authorization: basic("X") },
      consent.request.formBody,
    );
    expect(answer.status).toBe(201);
    const stored = (await (
      await fetch(`${sandbox.baseUrl}/sandbox/certificates/${cert.cert_id}`)
    ).json()) as {
      claims: Array<{ reference: string; vendor: string }>;
    };
    expect(stored.claims.at(-1)).toMatchObject({
      reference: "https://app.leadconduit.com/events/lead_id_123",
      vendor: "Foo, Inc.",
    });
  });
});

describe("api-version", () => {
  it("answers 2.0 in the 2.0 shape of the official client's fixture, taking the 2.0 sample's fingerprint= form", async () => {
    const cert = certificate();
    // The sample with a 2.0 scan added, so that the answer has the fixture's scans object (null without one).
    const answer = await post(
      cert.cert_url,
      { ...gist.request.headers, "api-version": "2.0" },
      `${gist.request.formBody}&scan=I+agree+to+the+terms+of+service`,
    );
    expect(answer.status).toBe(201);
    const published = { ...api2.response.body, cert: { ...api2.response.body.cert, claims: [] } };
    expectPublishedShape(answer.body, published);
    expectPublishedShape(answer.body, gist.response.body);
    expect(answer.body.fingerprints).toEqual({
      matching: [],
      non_matching: ["03685a113a7bf67d146c05d2165c9fccbfd02719", "c0c686d4b4c680347df82742250093bbbf361b3b"],
    });
  });

  it("answers without the header in the account's configured version, and refuses versions it does not know", async () => {
    const cert = certificate();
    const plain = await post(cert.cert_url, { "content-type": "application/json" }, "{}");
    expect(plain.body).toHaveProperty("outcome");
    const old = sandbox.createAccount({ balance: 10, api_version: "2.0" });
    const asOld = await fetch(cert.cert_url, {
      method: "POST",
      headers: { authorization: basic("X", old.api_key), "content-type": "application/json" },
      body: "{}",
    });
    expect(await asOld.json()).toMatchObject({ cert: { token: cert.cert_id }, scans: null });
    expect((await post(cert.cert_url, { "api-version": "3.0" }, "{}")).body).toHaveProperty("is_masked");
    // 4.0 is simulated now (operations-v4.ts); other versions are still refused.
    for (const version of ["5", "latest"]) {
      const refused = await post(cert.cert_url, { "api-version": version }, "{}");
      expect(refused.status, version).toBe(400);
    }
    // GET shows an earlier claim again in the version the GET asks for.
    const view = await fetch(cert.cert_url, { headers: { authorization: basic(), "api-version": "2.0" } });
    expect(await view.json()).toHaveProperty("cert.token", cert.cert_id);
  });
});

describe("fingerprints in every form the documents allow", () => {
  const hex = emailFingerprint("user@example.com");
  const other = "d511850d569bcd7802c30f54de34bb9f2b31eed1";
  const base64 = Buffer.from(hex, "hex").toString("base64");

  it("reads fingerprint and fingerprints, one value or a list, JSON or repeated form fields, hex or base64", async () => {
    const forms: Array<[Record<string, string>, string]> = [
      [{ "content-type": "application/json" }, JSON.stringify({ fingerprint: hex })],
      [{ "content-type": "application/json" }, JSON.stringify({ fingerprint: [hex, other] })],
      [{ "content-type": "application/json" }, JSON.stringify({ fingerprints: hex })],
      [{ "content-type": "application/json" }, JSON.stringify({ fingerprints: [other, hex.toUpperCase()] })],
      [{ "content-type": "application/json" }, JSON.stringify({ fingerprint: base64 })],
      [{ "content-type": "application/x-www-form-urlencoded" }, `fingerprint=${hex}&fingerprint=${other}`],
      [{ "content-type": "application/x-www-form-urlencoded" }, `fingerprint%5B%5D=${hex}`],
      [{ "content-type": "application/x-www-form-urlencoded" }, `fingerprints=${hex}`],
    ];
    for (const [headers, body] of forms) {
      const answer = await post(certificate().cert_url, { ...headers, "api-version": "3.0" }, body);
      expect(answer.status, body).toBe(201);
      expect((answer.body.fingerprints as { matching: string[] }).matching, body).toEqual([hex]);
    }
  });
});
