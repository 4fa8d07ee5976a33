// Contract tests of the TrustedForm sandbox over real HTTP, against ../shared/docs/trustedform-claim-api.md and
// api-facts.md.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isCertificateId } from "./certificate-ids";
import { emailFingerprint, phoneFingerprint } from "./fingerprint";
import { DEMO_CONSENT, TrustedFormSandbox, type Account, type NewCertificate } from "./trustedform-sandbox";

let sandbox: TrustedFormSandbox;
let base: string;
let account: Account;

const PAGE = `<html><body><h1>Quote</h1><form><p>By clicking   Submit, I consent to be contacted on behalf of
  Mortgage Acme at the telephone number provided.</p><p>Win a FREE iPhone today!</p><script>var hidden = "not page text";</script></form></body></html>`;

function basic(key: string, user = "API") {
  return `Basic ${Buffer.from(`${user}:${key}`).toString("base64")}`;
}

async function certificate(input: NewCertificate = {}) {
  const response = await fetch(`${base}/sandbox/certificates`, {
    method: "POST",
    body: JSON.stringify({ page_html: PAGE, email: "Lead@Example.com", phone: "(512) 789-1111", ...input }),
  });
  return (await response.json()) as { cert_id: string; cert_url: string };
}

function claim(
  certUrl: string,
  body: unknown,
  options: { key?: string | null; user?: string; form?: boolean; method?: string } = {},
) {
  const headers: Record<string, string> = { accept: "application/json", "api-version": "3.0" };
  const key = options.key === undefined ? account.api_key : options.key;
  if (key) headers.authorization = basic(key, options.user);
  let payload: string | undefined;
  if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    payload = body as string;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  return fetch(certUrl, { method: options.method ?? "POST", headers, body: payload });
}

async function claimOk(certUrl: string, body: unknown, options: { form?: boolean } = {}) {
  const response = await claim(certUrl, body, options);
  expect(response.status).toBe(201);
  return (await response.json()) as {
    cert: Record<string, unknown>;
    fingerprints: { matching: string[]; non_matching: string[] };
    is_masked: boolean;
    masked_cert_url: string | null;
    outcome: string;
    reason?: string;
    scans: {
      required_found: string[];
      required_not_found: string[];
      forbidden_found: string[];
      forbidden_not_found: string[];
    };
    warnings: string[];
  };
}

async function setAccount(patch: Partial<Account>) {
  await fetch(`${base}/sandbox/accounts/${account.api_key}`, {
    method: "PATCH",
    body: JSON.stringify(patch),
  });
}

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  base = await sandbox.start();
});

afterAll(async () => {
  await sandbox.stop();
});

beforeEach(() => {
  account = sandbox.createAccount({ balance: 50 });
});

describe("fingerprints", () => {
  it("match the service's published recipe", () => {
    expect(phoneFingerprint("512-789-1111")).toBe("12864b281c728bdca0f2102dba31308e1014fe4a");
    expect(phoneFingerprint("(512) 789 1111")).toBe(phoneFingerprint("5127891111"));
    expect(emailFingerprint("  Lead@Example.COM ")).toBe(emailFingerprint("lead@example.com"));
  });
});

describe("claiming", () => {
  it("claims certificates of every id format with a 201 holding exactly the documented fields", async () => {
    const shapes = { web: /^[0-9a-f]{40}$/, mobile: /^[A-Za-z0-9_-]{80}$/, facebook: /^0\.[A-Za-z0-9._-]+$/ };
    for (const format of ["web", "mobile", "facebook"] as const) {
      const cert = await certificate({ format });
      expect(cert.cert_id).toMatch(shapes[format]);
      expect(isCertificateId(cert.cert_id)).toBe(true);
      expect(cert.cert_url).toBe(`${base}/${cert.cert_id}`);
      const body = await claimOk(cert.cert_url, { reference: "lead-1", vendor: "Acme Co." });
      expect(Object.keys(body).sort()).toEqual([
        "cert",
        "fingerprints",
        "is_masked",
        "masked_cert_url",
        "outcome",
        "scans",
        "share_url",
        "warnings",
      ]);
      expect(Object.keys(body.scans).sort()).toEqual([
        "forbidden_found",
        "forbidden_not_found",
        "required_found",
        "required_not_found",
      ]);
      expect(body).toMatchObject({
        outcome: "success",
        is_masked: false,
        warnings: [],
        fingerprints: { matching: [], non_matching: [] },
      });
      for (const fact of [
        "age_seconds",
        "approx_ip_geo",
        "browser",
        "created_at",
        "domain",
        "event_duration_ms",
        "expires_at",
        "form_input_method",
        "ip",
        "is_framed",
        "is_mobile",
        "kpm",
        "wpm",
        "operating_system",
        "page_id",
        "page_url",
        "parent_page_url",
        "user_agent",
      ]) {
        expect(body.cert).toHaveProperty(fact);
      }
      expect(body.cert.browser).toMatchObject({ version: { full: expect.any(String), major: "131" } });
      expect(body.cert.operating_system).toMatchObject({ version: { major: "10" } });
      expect(body.cert.form_input_method).toEqual(["typing"]);
    }
    const stored = (await (
      await fetch(`${base}/sandbox/certificates/${(await certificate()).cert_id}`)
    ).json()) as { claims: unknown[] };
    expect(stored.claims).toEqual([]);
  });

  it("records reference and vendor on the claim and charges the account once per claim", async () => {
    const cert = await certificate();
    await claimOk(cert.cert_url, { reference: "1128238382829", vendor: "Acme Co." });
    const stored = (await (await fetch(`${base}/sandbox/certificates/${cert.cert_id}`)).json()) as {
      claims: Array<{ reference: string; vendor: string }>;
    };
    expect(stored.claims).toMatchObject([{ reference: "1128238382829", vendor: "Acme Co." }]);
    expect(sandbox.listAccounts().find((a) => a.api_key === account.api_key)!.balance).toBe(49);
  });

  it("answers 400 for a path that is not a certificate id", async () => {
    for (const path of [
      "not-a-cert",
      "abc123",
      "a".repeat(41),
      "a".repeat(81),
      "0..x",
      "0.a..b",
      `0.${"a".repeat(254)}`,
    ]) {
      expect((await claim(`${base}/${path}`, {})).status).toBe(400);
    }
  });

  it("answers 401 without a valid key, and accepts any Basic username, as the service checks only the key", async () => {
    const cert = await certificate({ max_claims: 10 });
    expect((await claim(cert.cert_url, {}, { key: null })).status).toBe(401);
    const wrongKey = await claim(cert.cert_url, {}, { key: "tf_sandbox_wrong" });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.headers.get("www-authenticate")).toContain("Basic");
    expect((await claim(cert.cert_url, {}, { key: "tf_sandbox_wrong", user: "X" })).status).toBe(401);
    for (const user of ["API", "X", "admin", ""])
      expect((await claim(cert.cert_url, {}, { user })).status, user).toBe(201);
  });

  it("answers 402 for an inactive account and for one out of funds", async () => {
    const cert = await certificate();
    await setAccount({ active: false });
    expect((await claim(cert.cert_url, {})).status).toBe(402);
    await setAccount({ active: true, balance: 0 });
    expect((await claim(cert.cert_url, {})).status).toBe(402);
  });

  it("answers 404 for an unknown and for an expired certificate", async () => {
    expect((await claim(`${base}/${"a".repeat(40)}`, {})).status).toBe(404);
    const expired = await certificate({ created_at: new Date(Date.now() - 73 * 3_600_000).toISOString() });
    expect((await claim(expired.cert_url, {})).status).toBe(404);
    const extended = await certificate({
      created_at: new Date(Date.now() - 73 * 3_600_000).toISOString(),
      expires_in_hours: 90 * 24,
    });
    expect((await claim(extended.cert_url, {})).status).toBe(201);
  });

  it("answers 405 for a sandboxed certificate and 422 once claimed too many times", async () => {
    expect((await claim((await certificate({ sandbox: true })).cert_url, {})).status).toBe(405);
    const cert = await certificate({ max_claims: 2 });
    await claimOk(cert.cert_url, {});
    await claimOk(cert.cert_url, {});
    expect((await claim(cert.cert_url, {})).status).toBe(422);
  });

  it("claims only with POST; GET shows the claiming account its claim again", async () => {
    const cert = await certificate();
    expect((await claim(cert.cert_url, undefined, { method: "GET" })).status).toBe(404);
    for (const method of ["PUT", "PATCH", "DELETE"])
      expect((await claim(cert.cert_url, {}, { method })).status).toBe(405);
    const stored = (await (await fetch(`${base}/sandbox/certificates/${cert.cert_id}`)).json()) as {
      claims: unknown[];
    };
    expect(stored.claims).toEqual([]);
    const claimed = await claimOk(cert.cert_url, { email: "lead@example.com" });
    const viewed = await claim(cert.cert_url, undefined, { method: "GET" });
    expect(viewed.status).toBe(200);
    expect(await viewed.json()).toEqual(claimed);
    const other = sandbox.createAccount();
    expect((await claim(cert.cert_url, undefined, { method: "GET", key: other.api_key })).status).toBe(404);
  });
});

describe("fingerprint matching", () => {
  it("matches email and phone fingerprints, normalizing as the service does", async () => {
    const body = await claimOk((await certificate()).cert_url, {
      email: " LEAD@example.com ",
      phone_1: "512.789.1111",
    });
    expect(body.fingerprints.matching.sort()).toEqual(
      [emailFingerprint("lead@example.com"), phoneFingerprint("5127891111")].sort(),
    );
    expect(body.fingerprints.non_matching).toEqual([]);
    expect(body.warnings).toEqual([]);
  });

  it("warns and fails the outcome when none of the provided fingerprints match (3.0: outcome failure)", async () => {
    const body = await claimOk((await certificate()).cert_url, {
      email_1: "other@example.com",
      phone_2: "999-999-0909",
    });
    expect(body.fingerprints.matching).toEqual([]);
    expect(body.fingerprints.non_matching).toHaveLength(2);
    expect(body.warnings).toEqual(["none of the provided fingerprints match"]);
    expect(body).toMatchObject({ outcome: "failure", reason: "none of the provided fingerprints match" });
  });

  it("accepts precomputed fingerprints", async () => {
    const body = await claimOk((await certificate()).cert_url, {
      fingerprints: [phoneFingerprint("512-789-1111"), "d511850d569bcd7802c30f54de34bb9f2b31eed1"],
    });
    expect(body.fingerprints).toEqual({
      matching: [phoneFingerprint("512-789-1111")],
      non_matching: ["d511850d569bcd7802c30f54de34bb9f2b31eed1"],
    });
  });
});

describe("page scans", () => {
  it("finds a string case- and whitespace-insensitively, in the page text only", async () => {
    const body = await claimOk((await certificate()).cert_url, {
      required_scan_terms: "BY CLICKING submit, i consent to be contacted",
      forbidden_scan_terms: "not page text",
    });
    expect(body.scans).toEqual({
      required_found: ["BY CLICKING submit, i consent to be contacted"],
      required_not_found: [],
      forbidden_found: [],
      forbidden_not_found: ["not page text"],
    });
    expect(body.outcome).toBe("success");
  });

  it("reports each term of an array, warns and fails for a missing required or a found forbidden term", async () => {
    const body = await claimOk((await certificate()).cert_url, {
      required_scan_terms: ["I consent to be contacted", "I agree to the terms of service"],
      forbidden_scan_terms: ["free iphone", "guaranteed approval"],
    });
    expect(body.scans).toEqual({
      required_found: ["I consent to be contacted"],
      required_not_found: ["I agree to the terms of service"],
      forbidden_found: ["free iphone"],
      forbidden_not_found: ["guaranteed approval"],
    });
    expect(body.warnings).toEqual(["string not found in snapshot", "string found in snapshot"]);
    expect(body.outcome).toBe("failure");
  });

  it("supports wildcards", async () => {
    const body = await claimOk((await certificate()).cert_url, {
      required_scan_terms: ["on behalf of {{*}} at the telephone number", "on behalf of {{*}} by fax"],
    });
    expect(body.scans.required_found).toEqual(["on behalf of {{*}} at the telephone number"]);
    expect(body.scans.required_not_found).toEqual(["on behalf of {{*}} by fax"]);
  });

  it("supports templates with variables, found when any row of variables matches", async () => {
    const body = await claimOk((await certificate()).cert_url, {
      required_scan_terms: [
        {
          template: "on behalf of {{company}} at the telephone number",
          variables: [{ company: "Acme Co." }, { company: "Mortgage Acme" }],
        },
        {
          template: "on behalf of {{company}} at the {{contact_method}}",
          variables: [{ company: "Acme Co.", contact_method: "email" }],
        },
      ],
      forbidden_scan_terms: {
        template: "win a free {{prize}}",
        variables: [{ prize: "car" }, { prize: "iPhone" }],
      },
    });
    expect(body.scans.required_found).toEqual(["on behalf of {{company}} at the telephone number"]);
    expect(body.scans.required_not_found).toEqual(["on behalf of {{company}} at the {{contact_method}}"]);
    expect(body.scans.forbidden_found).toEqual(["win a free {{prize}}"]);
  });

  it("supports a custom homogeneous delimiter for wildcards and templates", async () => {
    const body = await claimOk((await certificate()).cert_url, {
      scan_delimiter: "|",
      required_scan_terms: [
        "on behalf of |*| at the telephone number",
        { template: "contacted on behalf of |company|", variables: [{ company: "Mortgage Acme" }] },
        "on behalf of {{*}} at",
      ],
    });
    expect(body.scans.required_found).toEqual([
      "on behalf of |*| at the telephone number",
      "contacted on behalf of |company|",
    ]);
    expect(body.scans.required_not_found).toEqual(["on behalf of {{*}} at"]);
    const plus = await claimOk((await certificate()).cert_url, {
      scan_delimiter: "+++",
      required_scan_terms: "by clicking +++*+++ i consent",
    });
    expect(plus.scans.required_found).toEqual(["by clicking +++*+++ i consent"]);
  });

  it("accepts form-urlencoded bodies with required_scan_terms[] arrays", async () => {
    const form = new URLSearchParams();
    form.append("required_scan_terms[]", "I consent to be contacted");
    form.append("required_scan_terms[]", "on behalf of {{*}} at the telephone number");
    form.append("forbidden_scan_terms[]", "free iphone");
    form.append("phone_1", "512-789-1111");
    form.append("reference", "lead-77");
    form.append("vendor", "Acme Co.");
    const body = await claimOk((await certificate()).cert_url, form.toString(), { form: true });
    expect(body.scans.required_found).toEqual([
      "I consent to be contacted",
      "on behalf of {{*}} at the telephone number",
    ]);
    expect(body.scans.forbidden_found).toEqual(["free iphone"]);
    expect(body.fingerprints.matching).toEqual([phoneFingerprint("5127891111")]);
    const plainForm = await claimOk(
      (await certificate()).cert_url,
      "required_scan_terms=i+consent+to+be+contacted&email=lead%40example.com",
      { form: true },
    );
    expect(plainForm.scans.required_found).toEqual(["i consent to be contacted"]);
  });

  it("refuses scan terms of the wrong shape with 400", async () => {
    expect(
      (
        await claim((await certificate()).cert_url, {
          required_scan_terms: [{ template: "x {{a}}", variables: "a" }],
        })
      ).status,
    ).toBe(400);
    expect((await claim((await certificate()).cert_url, { required_scan_terms: [42] })).status).toBe(400);
  });
});

describe("demo form and faults", () => {
  it("creates a claimable certificate from the sample lead form", async () => {
    expect((await fetch(`${base}/demo-form`)).status).toBe(200);
    const page = await (
      await fetch(`${base}/demo-form`, {
        method: "POST",
        body: new URLSearchParams({ name: "Pat Lead", email: "pat@example.com", phone: "555-010-2030" }),
      })
    ).text();
    const certUrl = /id="cert-url" href="([^"]+)"/.exec(page)![1]!;
    const body = await claimOk(certUrl, {
      email: "pat@example.com",
      required_scan_terms: DEMO_CONSENT.slice(0, 60),
    });
    expect(body.fingerprints.matching).toEqual([emailFingerprint("pat@example.com")]);
    expect(body.outcome).toBe("success");
  });

  it("injects 5xx before claiming (nothing claimed), dropped connections and latency", async () => {
    const cert = await certificate();
    await setAccount({ faults: { endpoints: { claim: { failNext: 1 } } } });
    expect((await claim(cert.cert_url, {})).status).toBe(503);
    expect(
      ((await (await fetch(`${base}/sandbox/certificates/${cert.cert_id}`)).json()) as { claims: unknown[] })
        .claims,
    ).toEqual([]);
    await setAccount({ faults: { endpoints: { claim: { failNext: 1, errorWhen: "after" } } } });
    expect((await claim(cert.cert_url, {})).status).toBe(503);
    expect(
      ((await (await fetch(`${base}/sandbox/certificates/${cert.cert_id}`)).json()) as { claims: unknown[] })
        .claims,
    ).toHaveLength(1);
    await setAccount({ faults: { endpoints: { claim: { dropNext: 1 } }, latencyMs: 200 } });
    await expect(claim(cert.cert_url, {})).rejects.toThrow();
    const started = Date.now();
    expect((await claim(cert.cert_url, {})).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });
});
