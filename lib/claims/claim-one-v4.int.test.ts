// Single claims on TrustedForm 4.0 against the simulator over real HTTP: each demo form variant gives its outcome and
// the policy's verdict; retaining twice answers previously_retained; a lost answer stays unknown and is never resent;
// decisions against the verdict need a reason; a reviewer resolves a lost answer. A 3.0 tenant is unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { createTenantWithOwner, setTrustedFormApi } from "@/scripts/test/factories";
import { claimOne } from "./claim-one";
import { decideClaim } from "./decide-claim";
import { getClaim } from "./get-claim";
import { resolveUnknownClaim } from "./resolve-unknown-claim";
import { saveScanPolicy } from "./save-scan-policy";
import { EMPTY_POLICY_V4 } from "./v4/policy-v4-input";

let sandbox: TrustedFormSandbox;

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
});

async function tenantOnV4() {
  const account = sandbox.createAccount({ balance: 100 });
  const { actor, tenant } = await createTenantWithOwner();
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const policy = await saveScanPolicy(actor, {
    name: "4.0 compliance",
    requiredText: "",
    forbiddenText: "",
    isDefault: true,
    v4: {
      ...EMPTY_POLICY_V4,
      insightsProperties: ["bot_detected", "seconds_on_page", "form_input_method"],
      verify: true,
      verifyAdvertiserName: "Acme Mortgage",
      verifyMinFontSizePx: "12",
      verifyMinContrastRatio: "4.5",
      verifyOptInTypes: ["manual", "non-interactive"],
      rules: [
        { kind: "no_bot_detected" },
        { kind: "one_to_one_consent" },
        { kind: "consent_language_approved" },
        { kind: "min_seconds_on_page", seconds: 5 },
      ],
    },
  });
  return { actor, tenant, account, policy };
}

const lead = { email: "lead@example.com", phone: "512-789-1111" };
type Variant = NonNullable<NonNullable<Parameters<TrustedFormSandbox["createCertificate"]>[0]>["variant"]>;
const certOf = (variant: Variant) => sandbox.createCertificate({ variant, ...lead });

/** The 4.0 requests the simulator answered for a certificate (its admin API). */
async function v4Requests(certId: string): Promise<Array<{ api_key: string }>> {
  const response = await fetch(`${sandbox.baseUrl}/sandbox/certificates/${certId}`);
  return ((await response.json()) as { v4_requests: Array<{ api_key: string }> }).v4_requests;
}

describe("a 4.0 claim", () => {
  it("is recorded as 4.0 by a new tenant (the default), with fingerprints only in what was sent", async () => {
    const { actor, policy, tenant } = await tenantOnV4();
    expect(
      (await systemDb.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).trustedformApiVersion,
    ).toBe("v4_0");
    const { claimId } = await claimOne(actor, {
      certUrl: certOf("approved").cert_url,
      ...lead,
      policyId: policy.id,
    });
    const row = await systemDb.claim.findUniqueOrThrow({ where: { id: claimId } });
    expect(row).toMatchObject({
      apiVersion: "v4_0",
      status: "claimed",
      outcome: "success",
      emailMatch: true,
      phoneMatch: true,
      botDetected: false,
      oneToOne: true,
      languageApproved: true,
      verdict: "pass",
    });
    expect(row.retainedUntil).toBeInstanceOf(Date);
    expect(JSON.stringify(row.request)).not.toContain("lead@example.com");
    expect(JSON.stringify(row.request)).not.toContain("789");
    const page = await getClaim(actor, claimId);
    expect(page?.v4?.verify?.languages.length).toBeGreaterThan(0);
    expect(page?.verdictRules.map((r) => r.passed)).toEqual([true, true, true, true]);
  });

  it.each([
    ["unapproved", "failure", { languageApproved: false }, "Consent language must be approved"],
    ["many-advertisers", "failure", { oneToOne: false }, "1:1 consent"],
    ["no-tags", "failure", { oneToOne: null }, "1:1 consent"],
    ["bot", "success", { botDetected: true }, "Bot detected"],
  ] as const)(
    "from the %s variant ends %s and fails the policy in words",
    async (variant, outcome, facts, words) => {
      const { actor, policy } = await tenantOnV4();
      const { claimId } = await claimOne(actor, {
        certUrl: certOf(variant).cert_url,
        ...lead,
        policyId: policy.id,
      });
      const row = await systemDb.claim.findUniqueOrThrow({ where: { id: claimId } });
      expect(row.status).toBe("claimed");
      if (variant !== "bot") expect(row.outcome).toBe(outcome);
      expect(row).toMatchObject({ ...facts, verdict: "fail" });
      const page = await getClaim(actor, claimId);
      expect(
        page?.verdictRules
          .filter((r) => !r.passed)
          .map((r) => r.words)
          .join(" "),
      ).toContain(words.split(" ")[0]);
    },
  );

  it("retained twice answers previously retained, and the second claim is refused before any request", async () => {
    const { actor, policy, account } = await tenantOnV4();
    const cert = certOf("approved");
    const { claimId } = await claimOne(actor, { certUrl: cert.cert_url, ...lead, policyId: policy.id });
    expect((await systemDb.claim.findUniqueOrThrow({ where: { id: claimId } })).previouslyRetained).toBe(
      false,
    );
    await expect(claimOne(actor, { certUrl: cert.cert_url, ...lead })).rejects.toThrow(/already claimed/);
    // Another tenant (another account) retaining the same certificate sees it as new for itself.
    const other = await tenantOnV4();
    await claimOne(other.actor, { certUrl: cert.cert_url, ...lead, policyId: other.policy.id });
    const requests = (await v4Requests(cert.cert_id)).filter((r) => r.api_key === account.api_key);
    expect(requests).toHaveLength(1);
  });

  it("is refused in words, before any row, when 4.0 has nothing to ask", async () => {
    const { actor } = await tenantOnV4();
    await expect(claimOne(actor, { certUrl: certOf("approved").cert_url })).rejects.toThrow(
      /needs? .*email or phone|only with lead matching/,
    );
    expect(await systemDb.claim.count({ where: { tenantId: actor.tenantId } })).toBe(0);
  });

  it("stays unknown after a dropped connection, is never resent, and a reviewer resolves it with a note", async () => {
    const { actor, policy, account } = await tenantOnV4();
    await fetch(`${sandbox.baseUrl}/sandbox/accounts/${account.api_key}`, {
      method: "PATCH",
      body: JSON.stringify({
        faults: { endpoints: { claim: { failNext: 1, errorWhen: "after", errorStatus: 502 } } },
      }),
    });
    const cert = certOf("approved");
    const { claimId } = await claimOne(actor, { certUrl: cert.cert_url, ...lead, policyId: policy.id });
    const row = await systemDb.claim.findUniqueOrThrow({ where: { id: claimId } });
    expect(row.status).toBe("unknown");
    expect(row.errorMessage).toMatch(/documents no way to look an earlier answer up/);
    expect(await v4Requests(cert.cert_id)).toHaveLength(1);
    await expect(claimOne(actor, { certUrl: cert.cert_url, ...lead })).rejects.toThrow(/already claimed/);
    await expect(resolveUnknownClaim(actor, { claimId, found: "claimed", note: "" })).rejects.toThrow(
      /what you checked/,
    );
    await resolveUnknownClaim(actor, { claimId, found: "claimed", note: "Portal shows it retained" });
    const resolved = await systemDb.claim.findUniqueOrThrow({ where: { id: claimId } });
    expect(resolved.status).toBe("claimed");
    expect(resolved.errorMessage).toMatch(/Portal shows it retained/);
    const audit = await systemDb.auditEntry.findFirst({
      where: { tenantId: actor.tenantId, targetId: claimId, action: "claim.claimed" },
      orderBy: { seq: "desc" },
    });
    expect(audit?.details).toMatchObject({ settledBy: "reviewer" });
  });

  it("needs a reason to accept a claim that fails its policy, and records that it went against the verdict", async () => {
    const { actor, policy } = await tenantOnV4();
    const { claimId } = await claimOne(actor, {
      certUrl: certOf("bot").cert_url,
      ...lead,
      policyId: policy.id,
    });
    await expect(decideClaim(actor, { claimId, decision: "accepted" })).rejects.toThrow(/fails its policy/);
    await decideClaim(actor, { claimId, decision: "accepted", reason: "Known partner, manual check done" });
    const audit = await systemDb.auditEntry.findFirst({
      where: { tenantId: actor.tenantId, targetId: claimId, action: "claim.accepted" },
    });
    expect(audit?.details).toMatchObject({ verdict: "fail", againstVerdict: true });
  });

  it("leaves a 3.0 tenant's claims on 3.0", async () => {
    const { actor, tenant, policy } = await tenantOnV4();
    await setTrustedFormApi(tenant.id, "3.0");
    const { claimId } = await claimOne(actor, {
      certUrl: certOf("approved").cert_url,
      ...lead,
      policyId: policy.id,
    });
    const row = await systemDb.claim.findUniqueOrThrow({ where: { id: claimId } });
    expect(row).toMatchObject({ apiVersion: "v3_0", status: "claimed", verdict: null });
  });
});
