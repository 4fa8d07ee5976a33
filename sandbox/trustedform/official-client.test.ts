// ActiveProspect's own npm client, `trustedform-api-client` (a dev dependency, used unchanged), claims against the
// simulator. It sends Basic auth with the username X, a form-encoded body, and expects 201 with a JSON body; with
// `api-version: 3.0` (as ActiveProspect's LeadConduit integration calls it) it names the scans
// required_scan_terms[] / forbidden_scan_terms[], without it scan[] / scan![] (2.0).
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailFingerprint, phoneFingerprint } from "./fingerprint";
import { TrustedFormSandbox } from "./trustedform-sandbox";

type Callback = (
  error: (Error & { statusCode?: number }) | null,
  response: { statusCode: number },
  body: unknown,
) => void;
interface OfficialClient {
  claim(options: Record<string, unknown>, callback: Callback): void;
}
const require = createRequire(import.meta.url);

/**
 * A fresh copy of the module for each test: its `_getParams` merges the 3.0 names into its shared 2.0 table
 * (Object.assign on a module constant), so after one 3.0 call every later call in the process sends 3.0 names.
 */
function officialClient(apiKey: string): OfficialClient {
  delete require.cache[require.resolve("trustedform-api-client")];
  const Client = require("trustedform-api-client") as new (apiKey: string) => OfficialClient;
  return new Client(apiKey);
}

let sandbox: TrustedFormSandbox;

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  await sandbox.start();
});

afterAll(async () => {
  await sandbox.stop();
});

function claimWith(client: OfficialClient, options: Record<string, unknown>) {
  return new Promise<{ error: Error | null; status: number; body: Record<string, unknown> }>((resolve) =>
    client.claim(options, (error, response, body) =>
      resolve({ error, status: response?.statusCode, body: body as Record<string, unknown> }),
    ),
  );
}

const page =
  "<html><body><form><p>By clicking Submit I agree to be contacted by Acme Mortgage.</p></form></body></html>";

describe("the official trustedform-api-client", () => {
  it("claims with api-version 3.0 as its documentation shows, and gets the 3.0 answer", async () => {
    const account = sandbox.createAccount({ balance: 5 });
    const cert = sandbox.createCertificate({
      page_html: page,
      email: "lead@example.com",
      phone: "512-789-1111",
    });
    const result = await claimWith(officialClient(account.api_key), {
      cert_url: cert.cert_url,
      vendor: "Acme Co.",
      reference: "lead-42",
      required_text: "I agree to be contacted",
      forbidden_text: ["free iphone"],
      email: "lead@example.com",
      phone_1: "(512) 789-1111",
      headers: { "api-version": "3.0" },
    });
    expect(result.error).toBeNull();
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      outcome: "success",
      scans: {
        required_found: ["I agree to be contacted"],
        required_not_found: [],
        forbidden_found: [],
        forbidden_not_found: ["free iphone"],
      },
    });
    expect((result.body.fingerprints as { matching: string[] }).matching.sort()).toEqual(
      [emailFingerprint("lead@example.com"), phoneFingerprint("5127891111")].sort(),
    );
    const stored = (await (
      await fetch(`${sandbox.baseUrl}/sandbox/certificates/${cert.cert_id}`)
    ).json()) as {
      claims: Array<{ reference: string; vendor: string }>;
    };
    expect(stored.claims).toMatchObject([{ reference: "lead-42", vendor: "Acme Co." }]);
    expect(sandbox.listAccounts().find((a) => a.api_key === account.api_key)!.balance).toBe(4);
  });

  it("without the header, gets the account's configured version (2.0 here) and its 2.0 scan names", async () => {
    const account = sandbox.createAccount({ balance: 5, api_version: "2.0" });
    const cert = sandbox.createCertificate({ page_html: page });
    const result = await claimWith(officialClient(account.api_key), {
      cert_url: cert.cert_url,
      required_text: ["Acme Mortgage", "not on the page"],
    });
    expect(result.error).toBeNull();
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      scans: { found: ["Acme Mortgage"], not_found: ["not on the page"] },
      warnings: ["string not found in snapshot"],
      cert: { token: cert.cert_id },
    });
  });

  it("reports a wrong key as the client's own error, with nothing billed", async () => {
    const cert = sandbox.createCertificate({ page_html: page });
    const result = await claimWith(officialClient("tf_sandbox_not_a_key"), {
      cert_url: cert.cert_url,
      headers: { "api-version": "3.0" },
    });
    expect(result.error).toMatchObject({ statusCode: 401 });
    const stored = (await (
      await fetch(`${sandbox.baseUrl}/sandbox/certificates/${cert.cert_id}`)
    ).json()) as {
      claims: unknown[];
    };
    expect(stored.claims).toEqual([]);
  });
});
