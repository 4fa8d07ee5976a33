// Claiming against the TrustedForm sandbox over real HTTP, with the money rules: intent first, no blind resend.
import { memberOf } from "@/lib/core/actor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrustedFormSandbox, type Account } from "@/sandbox/trustedform/trustedform-sandbox";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { emailFingerprint, phoneFingerprint } from "@/lib/trustedform/fingerprint";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { createTenantWithOwner, setTrustedFormApi } from "@/scripts/test/factories";
import outcomes from "@/lib/trustedform/fixtures/claim-3.0-leadconduit-outcomes.json";
import documentSample from "@/lib/trustedform/fixtures/claim-3.0-document-sample.json";
import { claimOne } from "./claim-one";
import { decideClaim } from "./decide-claim";
import { getClaim } from "./get-claim";
import { recheckClaim } from "./recheck-claim";
import { saveScanPolicy } from "./save-scan-policy";

let sandbox: TrustedFormSandbox;

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
});

const PAGE =
  "By clicking Submit I consent to be contacted on behalf of Mortgage Acme at the telephone number provided.";

async function tenant(options: { key?: boolean } = {}) {
  const account = sandbox.createAccount({ balance: 100 });
  const { actor, tenant } = await createTenantWithOwner();
  await setTrustedFormApi(tenant.id, "3.0");
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  if (options.key !== false) await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  return { actor, tenant, account };
}

const cert = (options: Parameters<TrustedFormSandbox["createCertificate"]>[0] = {}) =>
  sandbox.createCertificate({
    page_text: PAGE,
    email: "lead@example.com",
    phone: "512-789-1111",
    ...options,
  });

async function setFaults(account: Account, faults: object) {
  await fetch(`${sandbox.baseUrl}/sandbox/accounts/${account.api_key}`, {
    method: "PATCH",
    body: JSON.stringify({ faults }),
  });
}

describe("claimOne", () => {
  it("claims with a policy of a template and a wildcard, sending fingerprints only, and stores no raw contact", async () => {
    const { actor } = await tenant();
    const policy = await saveScanPolicy(actor, {
      name: "Mortgage consent",
      requiredText:
        "on behalf of {{company}} at the telephone number\n  company=Acme Co.\n  company=Mortgage Acme\nby clicking {{*}} i consent",
      forbiddenText: "free iphone",
      isDefault: true,
    });
    const c = cert();
    const { claimId } = await claimOne(actor, {
      certUrl: c.cert_url,
      email: " Lead@Example.com ",
      phone: "(512) 789-1111",
      reference: "L-1",
      vendor: "Acme Leads",
      policyId: policy.id,
    });
    const claim = await getClaim(actor, claimId);
    expect(claim).toMatchObject({
      status: "claimed",
      outcome: "success",
      requiredFound: 2,
      requiredTotal: 2,
      forbiddenFound: 0,
      fingerprintMatch: true,
      hasWarnings: false,
      policyName: "Mortgage consent",
      vendor: "Acme Leads",
    });
    expect(claim?.response?.scans?.required_found).toEqual([
      "on behalf of {{company}} at the telephone number",
      "by clicking {{*}} i consent",
    ]);
    const stored = JSON.stringify(await systemDb.claim.findUniqueOrThrow({ where: { id: claimId } }));
    expect(stored).not.toMatch(/lead@example\.com|512.?789/i);
    expect(stored).toContain(emailFingerprint("lead@example.com"));
    const sent = (await (await fetch(`${sandbox.baseUrl}/sandbox/certificates/${c.cert_id}`)).json()) as {
      claims: Array<{ reference: string; vendor: string }>;
    };
    expect(sent.claims).toMatchObject([{ reference: "L-1", vendor: "Acme Leads" }]);
  });

  it("sends the raw email and phone when the tenant chooses to, still storing only fingerprints", async () => {
    const { actor, tenant: t } = await tenant();
    await systemDb.tenant.update({ where: { id: t.id }, data: { claimSendsRawContact: true } });
    const { claimId } = await claimOne(actor, {
      certUrl: cert().cert_url,
      email: "other@example.com",
      phone: "512-789-1111",
    });
    const claim = await getClaim(actor, claimId);
    expect(claim?.response?.fingerprints).toEqual({
      matching: [phoneFingerprint("5127891111")],
      non_matching: [emailFingerprint("other@example.com")],
    });
    expect(claim?.warnings).toEqual([]);
    expect(claim?.phoneFingerprint).toBe(phoneFingerprint("5127891111"));
  });

  it("refuses a foreign URL before writing or sending anything", async () => {
    const { actor, account } = await tenant();
    const id = cert().cert_id;
    for (const url of [
      `https://cert.trustedform.com/${id}`,
      `http://127.0.0.1:1/${id}`,
      `${sandbox.baseUrl}.evil.example/${id}`,
      `${sandbox.baseUrl}/${id}?x=1`,
    ]) {
      await expect(claimOne(actor, { certUrl: url })).rejects.toThrow(
        /Only certificate URLs that start with|not a TrustedForm certificate id/,
      );
    }
    expect(await systemDb.claim.count({ where: { tenantId: actor.tenantId } })).toBe(0);
    expect(sandbox.listAccounts().find((a) => a.api_key === account.api_key)?.balance).toBe(100);
  });

  it("never claims the same certificate twice by accident", async () => {
    const { actor, account } = await tenant();
    const c = cert();
    await claimOne(actor, { certUrl: c.cert_url });
    await expect(claimOne(actor, { certUrl: c.cert_url })).rejects.toThrow(/already claimed by this tenant/);
    expect(sandbox.listAccounts().find((a) => a.api_key === account.api_key)?.balance).toBe(99);
  });

  it("records failures in words, and a failed claim may be tried again", async () => {
    const { actor } = await tenant();
    const sandboxed = cert({ sandbox: true });
    const { claimId } = await claimOne(actor, { certUrl: sandboxed.cert_url });
    expect(await getClaim(actor, claimId)).toMatchObject({
      status: "failed",
      errorKind: "sandboxed",
      errorMessage: expect.stringMatching(/sandboxed test certificate/),
    });
    const second = await claimOne(actor, { certUrl: sandboxed.cert_url });
    expect(second.claimId).not.toBe(claimId);
    const { actor: keyless } = await tenant({ key: false });
    const noKey = await claimOne(keyless, { certUrl: cert().cert_url });
    expect(await getClaim(keyless, noKey.claimId)).toMatchObject({ status: "failed", errorKind: "no_key" });
  });

  it("never leaves a claim sending when the stored key cannot be opened", async () => {
    const { actor } = await tenant();
    await systemDb.tenantSecret.updateMany({
      where: { tenantId: actor.tenantId },
      data: { sealed: "v1:gone:AAAA:AAAA:AAAA" },
    });
    const { claimId } = await claimOne(actor, { certUrl: cert().cert_url });
    expect(await getClaim(actor, claimId)).toMatchObject({
      status: "failed",
      errorKind: "internal",
      errorMessage: expect.stringMatching(/nothing was claimed/i),
    });
  });

  it("settles a lost answer with a GET instead of claiming again", async () => {
    const { actor, account } = await tenant();
    await setFaults(account, { endpoints: { claim: { failNext: 1, errorWhen: "after" } } });
    const c = cert();
    const { claimId } = await claimOne(actor, { certUrl: c.cert_url });
    expect(await getClaim(actor, claimId)).toMatchObject({ status: "claimed", outcome: "success" });
    expect(
      (
        (await (await fetch(`${sandbox.baseUrl}/sandbox/certificates/${c.cert_id}`)).json()) as {
          claims: unknown[];
        }
      ).claims,
    ).toHaveLength(1);

    await setFaults(account, { endpoints: { claim: { dropNext: 1 } } });
    const lost = await claimOne(actor, { certUrl: cert().cert_url });
    expect(await getClaim(actor, lost.claimId)).toMatchObject({ status: "unknown", errorKind: "no_answer" });
    expect(await recheckClaim(actor, lost.claimId)).toBe("still_unknown");
  });

  it("records a 201 it cannot fully read as claimed, with the raw body and a note, and never bills it twice", async () => {
    const { actor, account } = await tenant();
    const odd = {
      outcome: "claimed",
      fingerprints: "n/a",
      scans: { required_found: ["by clicking"], required_not_found: [] },
      cert: { browser: 7, form_input_method: "typing", page_url: "https://leads.example.com/quote" },
      new_field: { nested: true },
    };
    await setFaults(account, { endpoints: { claim: { answerBody: JSON.stringify(odd) } } });
    const c = cert();
    const { claimId } = await claimOne(actor, { certUrl: c.cert_url, email: "lead@example.com" });
    const claim = await getClaim(actor, claimId);
    expect(claim).toMatchObject({
      status: "claimed",
      outcome: null,
      fingerprintMatch: null,
      hasWarnings: true,
      errorKind: "review_note",
      // Kept in the database; a sandbox host's raw body is not echoed to users (only cert.trustedform.com's is).
      rawResponse: null,
      unreadable: [
        "outcome: a text other than success, failure or error",
        "fingerprints: a text, expected an object",
        "cert.browser: a number, expected an object",
      ],
    });
    expect((await systemDb.claim.findUniqueOrThrow({ where: { id: claimId } })).response).toEqual(odd);
    expect(claim?.errorMessage).toMatch(/HTTP 201, so the claim was made and billed/);
    expect(claim?.errorMessage).toMatch(/raw answer is kept/);
    expect(claim?.errorMessage).toMatch(/no fingerprint result at all/);
    // What could be read is still shown.
    expect(claim?.response?.cert).toMatchObject({
      form_input_method: ["typing"],
      page_url: "https://leads.example.com/quote",
    });
    expect(claim?.response?.scans?.required_found).toEqual(["by clicking"]);
    // Never claimed again, by the user or by a retry: refused before any request; TrustedForm billed once.
    await expect(claimOne(actor, { certUrl: c.cert_url })).rejects.toThrow(/already claimed by this tenant/);
    expect(sandbox.listAccounts().find((a) => a.api_key === account.api_key)?.balance).toBe(99);
    const atSandbox = (await (
      await fetch(`${sandbox.baseUrl}/sandbox/certificates/${c.cert_id}`)
    ).json()) as {
      claims: unknown[];
    };
    expect(atSandbox.claims).toHaveLength(1);
    expect(
      await systemDb.auditEntry.count({
        where: { tenantId: actor.tenantId, action: "claim.claimed", targetId: claimId },
      }),
    ).toBe(1);
  });

  it("keeps a 201 that is not JSON at all, an `error` outcome and a missing fingerprint result as claimed, in words", async () => {
    const { actor, account } = await tenant();
    await setFaults(account, { endpoints: { claim: { answerBody: "<html><body>Created</body></html>" } } });
    const html = await claimOne(actor, { certUrl: cert().cert_url });
    expect(await getClaim(actor, html.claimId)).toMatchObject({
      status: "claimed",
      outcome: null,
      unreadable: ["the whole answer: a text, expected a JSON object"],
    });
    expect((await systemDb.claim.findUniqueOrThrow({ where: { id: html.claimId } })).response).toBe(
      "<html><body>Created</body></html>",
    );

    const errorBody = outcomes.responses[1]!.body;
    await setFaults(account, { endpoints: { claim: { answerBody: JSON.stringify(errorBody) } } });
    const error = await claimOne(actor, { certUrl: cert().cert_url });
    const errorClaim = await getClaim(actor, error.claimId);
    expect(errorClaim).toMatchObject({ status: "claimed", outcome: null, hasWarnings: true, unreadable: [] });
    expect(errorClaim?.response).toMatchObject({ outcome: "error", reason: "an error occurred" });
    expect(errorClaim?.errorMessage).toMatch(
      /outcome "error" \(an error occurred\).*does not claim it again/,
    );

    const noFingerprints: Record<string, unknown> = { ...documentSample.response.body };
    delete noFingerprints.fingerprints;
    await setFaults(account, { endpoints: { claim: { answerBody: JSON.stringify(noFingerprints) } } });
    const silent = await claimOne(actor, { certUrl: cert().cert_url, phone: "512-789-1111" });
    expect(await getClaim(actor, silent.claimId)).toMatchObject({
      status: "claimed",
      outcome: "success",
      fingerprintMatch: null,
      errorMessage: expect.stringMatching(/no fingerprint result at all/),
    });
  });

  it("records reviewer decisions, a rejection with its reason, in the audit log", async () => {
    const { actor } = await tenant();
    const { claimId } = await claimOne(actor, { certUrl: cert().cert_url });
    await expect(decideClaim(actor, { claimId, decision: "rejected" })).rejects.toThrow(
      "Say why the claim is rejected (a few words).",
    );
    await decideClaim(actor, { claimId, decision: "rejected", reason: "Consent text outdated" });
    expect(await getClaim(actor, claimId)).toMatchObject({
      decision: "rejected",
      decisionReason: "Consent text outdated",
      decidedByEmail: memberOf(actor.actor).email,
    });
    expect(
      await systemDb.auditEntry.count({ where: { tenantId: actor.tenantId, action: "claim.rejected" } }),
    ).toBe(1);
    const other = await tenant();
    expect(await getClaim(other.actor, claimId)).toBeNull();
  });
});
