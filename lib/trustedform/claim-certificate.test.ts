// The claim client against the TrustedForm sandbox over real HTTP: success, every documented error status, and the
// difference between "never sent" and "sent, no answer".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrustedFormSandbox, type Account } from "@/sandbox/trustedform/trustedform-sandbox";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { freePort } from "@/scripts/test/test-database";
import { parseCertificateUrl } from "./certificate-url";
import {
  ClaimNotSentError,
  ClaimOutcomeUnknownError,
  claimBody,
  claimCertificate,
  TrustedFormClaimError,
  viewClaim,
} from "./claim-certificate";
import { emailFingerprint, phoneFingerprint } from "./fingerprint";

let sandbox: TrustedFormSandbox;
let account: Account;

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
  account = sandbox.createAccount({ balance: 100 });
});

afterAll(async () => {
  await sandbox.stop();
});

function certificate(options: Parameters<TrustedFormSandbox["createCertificate"]>[0] = {}) {
  const cert = sandbox.createCertificate({
    page_text:
      "By clicking Submit I consent to be contacted on behalf of Acme Mortgage at the number provided.",
    email: "lead@example.com",
    phone: "512-789-1111",
    ...options,
  });
  const parsed = parseCertificateUrl(cert.cert_url, sandbox.baseUrl);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { ...cert, url: parsed.url };
}

describe("claimCertificate", () => {
  it("claims with email, phone, reference, vendor and scans, and parses the 201", async () => {
    const cert = certificate();
    const answer = await claimCertificate(cert.url, account.api_key, {
      email: ["Lead@Example.com"],
      phone: ["(512) 789-1111"],
      reference: "lead-1",
      vendor: "Acme Co.",
      requiredScanTerms: [
        "i consent to be contacted",
        { template: "on behalf of {{company}}", variables: [{ company: "Acme Mortgage" }] },
      ],
      forbiddenScanTerms: ["free iphone"],
    });
    expect(answer.status).toBe(201);
    expect(answer.reading.unreadable).toEqual([]);
    const response = answer.reading.response;
    expect(response.outcome).toBe("success");
    expect([...response.fingerprints!.matching].sort()).toEqual(
      [emailFingerprint("lead@example.com"), phoneFingerprint("5127891111")].sort(),
    );
    expect(response.scans).toEqual({
      required_found: ["i consent to be contacted", "on behalf of {{company}}"],
      required_not_found: [],
      forbidden_found: [],
      forbidden_not_found: ["free iphone"],
    });
    expect(response.cert?.page_url).toBeTruthy();
    expect((await viewClaim(cert.url, account.api_key))?.raw).toEqual(answer.raw);
  });

  it("sends email, email_2, phone_1, phone_2 and fingerprint as the API names them", () => {
    expect(claimBody({ email: ["a@x.test", "b@x.test"], phone: ["1", "2"], fingerprints: ["f"] })).toEqual({
      email: "a@x.test",
      email_2: "b@x.test",
      phone_1: "1",
      phone_2: "2",
      fingerprint: "f",
    });
    expect(claimBody({ fingerprints: ["f1", "f2"] })).toEqual({ fingerprint: ["f1", "f2"] });
  });

  it("turns every documented error status into words a reviewer understands", async () => {
    const expectKind = async (promise: Promise<unknown>, kind: string, words: RegExp) => {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TrustedFormClaimError);
      expect((error as TrustedFormClaimError).kind).toBe(kind);
      expect((error as Error).message).toMatch(words);
    };
    await expectKind(
      claimCertificate(`${sandbox.baseUrl}/not-a-certificate`, account.api_key, {}),
      "malformed_url",
      /malformed/,
    );
    await expectKind(
      claimCertificate(certificate().url, "tf_sandbox_wrong", {}),
      "unauthorized",
      /refused the API key/,
    );
    const broke = sandbox.createAccount({ balance: 0 });
    await expectKind(
      claimCertificate(certificate().url, broke.api_key, {}),
      "payment_required",
      /inactive or out of funds/,
    );
    await expectKind(
      claimCertificate(`${sandbox.baseUrl}/${"c".repeat(40)}`, account.api_key, {}),
      "not_found",
      /expired or unknown/,
    );
    await expectKind(
      claimCertificate(
        certificate({ created_at: new Date(Date.now() - 80 * 3_600_000).toISOString() }).url,
        account.api_key,
        {},
      ),
      "not_found",
      /expired or unknown/,
    );
    await expectKind(
      claimCertificate(certificate({ sandbox: true }).url, account.api_key, {}),
      "sandboxed",
      /sandboxed/,
    );
    const once = certificate({ max_claims: 1 });
    await claimCertificate(once.url, account.api_key, {});
    await expectKind(claimCertificate(once.url, account.api_key, {}), "claimed_too_often", /too many times/);
  });

  it("tells a request that never left from one whose answer was lost", async () => {
    const closedOrigin = `http://127.0.0.1:${await freePort()}`;
    allowSandboxOrigins(closedOrigin);
    const closed = `${closedOrigin}/${"d".repeat(40)}`;
    await expect(claimCertificate(closed, account.api_key, {})).rejects.toBeInstanceOf(ClaimNotSentError);
    const cert = certificate();
    await fetch(`${sandbox.baseUrl}/sandbox/accounts/${account.api_key}`, {
      method: "PATCH",
      body: JSON.stringify({ faults: { endpoints: { claim: { dropNext: 1 } } } }),
    });
    await expect(claimCertificate(cert.url, account.api_key, {})).rejects.toBeInstanceOf(
      ClaimOutcomeUnknownError,
    );
    expect(await viewClaim(cert.url, account.api_key)).toBeNull();
  });
});
