// The single claim's raw statements (claim-one-sql.ts) against PostgreSQL: they read what Prisma reads, and only the
// context's tenant's rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { createTenantWithOwner, setTrustedFormApi } from "@/scripts/test/factories";
import { claimOne } from "./claim-one";
import { insertSendingClaim, LiveClaimExistsError, readClaimRow, readClaimSetup } from "./claim-one-sql";
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

async function connectedTenant(version: "3.0" | "4.0") {
  const account = sandbox.createAccount({ balance: 100 });
  const { actor, tenant } = await createTenantWithOwner();
  await setTrustedFormApi(tenant.id, version);
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  return { actor, tenant };
}

const lead = { email: "lead@example.com", phone: "512-789-1111" };

describe("claim-one-sql", () => {
  it("answers and reads a settled claim's row exactly as Prisma does, on 3.0 and on 4.0, and not from another tenant", async () => {
    const v3 = await connectedTenant("3.0");
    const v4 = await connectedTenant("4.0");
    const policy = await saveScanPolicy(v4.actor, {
      name: "4.0 verdict",
      requiredText: "",
      forbiddenText: "",
      isDefault: true,
      v4: { ...EMPTY_POLICY_V4, insightsProperties: ["bot_detected"], rules: [{ kind: "no_bot_detected" }] },
    });
    const c3 = sandbox.createCertificate({ page_text: "I consent to be contacted by Acme.", ...lead });
    const c4 = sandbox.createCertificate({ variant: "approved", ...lead });
    const one = await claimOne(v3.actor, { certUrl: c3.cert_url, ...lead, reference: "R-1", vendor: "V" });
    const two = await claimOne(v4.actor, { certUrl: c4.cert_url, ...lead, policyId: policy.id });

    for (const [context, claimed] of [
      [v3.actor, one],
      [v4.actor, two],
    ] as const) {
      const viaPrisma = await systemDb.claim.findUniqueOrThrow({ where: { id: claimed.claimId } });
      expect(viaPrisma.status).toBe("claimed");
      // As the settlement returned it, and as read anew.
      expect(claimed.claim).toEqual(viaPrisma);
      expect(await readClaimRow(context, claimed.claimId)).toEqual(viaPrisma);
    }
    expect((await readClaimRow(v4.actor, two.claimId))?.apiVersion).toBe("v4_0");
    // Another tenant's id reads like a missing one.
    expect(await readClaimRow(v3.actor, two.claimId)).toBeNull();
    expect(await readClaimRow(v4.actor, one.claimId)).toBeNull();
  });

  it("reads the tenant's own flags, connection and sealed keys only, and nothing of a tenant without them", async () => {
    const connected = await connectedTenant("3.0");
    const bare = await createTenantWithOwner();
    const setup = await readClaimSetup(connected.actor);
    expect(setup).toMatchObject({
      apiVersion: "3.0",
      claimSendsRawContact: false,
      connection: { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl },
    });
    expect(Object.keys(setup.sealedKeys)).toEqual(["sandbox"]);
    const stored = await systemDb.tenantSecret.findFirstOrThrow({
      where: { tenantId: connected.tenant.id, purpose: "trustedform.api_key" },
    });
    expect(setup.sealedKeys.sandbox).toBe(stored.sealed);

    const none = await readClaimSetup(bare.actor);
    expect(none.connection).toBeNull();
    expect(none.sealedKeys).toEqual({});
  });

  it("refuses a second live claim of a certificate in the tenant, and lets another tenant claim it", async () => {
    const first = await connectedTenant("3.0");
    const second = await connectedTenant("3.0");
    const row = {
      certId: "a".repeat(40),
      certUrl: `${sandbox.baseUrl}/${"a".repeat(40)}`,
      vendor: null,
      reference: null,
      emailFingerprint: null,
      phoneFingerprint: null,
      policyId: null,
      policyName: null,
      requiredTerms: [],
      forbiddenTerms: [],
      scanDelimiter: null,
      apiVersion: "3.0" as const,
      request: null,
      createdById: null,
      createdByEmail: "bench@example.com",
    };
    const id = await insertSendingClaim(first.actor, row);
    await expect(insertSendingClaim(first.actor, row)).rejects.toBeInstanceOf(LiveClaimExistsError);
    await expect(insertSendingClaim(second.actor, row)).resolves.toMatch(/^[0-9a-f-]{36}$/);
    const stored = await systemDb.claim.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ tenantId: first.tenant.id, status: "sending", apiVersion: "v3_0" });
  });
});
