import { memberOf } from "@/lib/core/actor";
import crypto from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/client";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { generateMasterKeyEntry, masterKeys } from "./master-keys";
import { describeTenantSecrets } from "./describe-tenant-secrets";
import { hasTenantSecret } from "./has-tenant-secret";
import { removeTenantSecret } from "@/lib/connections/remove-tenant-secret";
import { resealAllSecrets } from "./reseal-all-secrets";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { withTenantSecret } from "./with-tenant-secret";

const original = process.env.CERTDESK_MASTER_KEYS;
afterEach(() => {
  process.env.CERTDESK_MASTER_KEYS = original;
});

/** Every substring of `length` characters of the secret's random part. */
const pieces = (secret: string, length = 6) =>
  Array.from({ length: secret.length - length + 1 }, (_, i) => secret.slice(i, i + length));

async function tenantRowsText(tenantId: string): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    // One query at a time: a pg client runs its queries in turn (pg 9 refuses overlapping ones).
    const dumps: unknown[] = [];
    for (const table of ["TenantSecret", "TenantConnection", "AuditEntry"])
      dumps.push((await client.query(`select * from "${table}" where "tenantId" = $1`, [tenantId])).rows);
    return JSON.stringify(dumps);
  } finally {
    await client.end();
  }
}

describe("tenant secrets at rest", () => {
  it("stores no piece of the key, not even its last four characters, and audits without it", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const key = "ts_live_Q7mZp2Lx9VbN4cR8tY1wK6hJ3fD5sA0e";
    expect(await saveTenantSecret(actor, "truescreen.api_key", key)).toEqual({
      replaced: false,
      environment: "sandbox",
    });
    const text = await tenantRowsText(tenant.id);
    for (const piece of [key, ...pieces(key.slice(8), 4)]) expect(text).not.toContain(piece);
    const entry = await systemDb.auditEntry.findFirst({
      where: { tenantId: tenant.id, action: "secret.set" },
    });
    expect(entry?.details).toEqual({ purpose: "truescreen.api_key", environment: "sandbox" });

    expect(await describeTenantSecrets(actor)).toEqual([
      {
        purpose: "truescreen.api_key",
        environment: "sandbox",
        last4: "sA0e",
        setByEmail: memberOf(actor.actor).email,
        setAt: expect.any(Date),
      },
    ]);
    expect(await withTenantSecret(actor, "truescreen.api_key", "sandbox", async (secret) => secret)).toBe(
      key,
    );
  });

  it("replaces and removes, auditing each change", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    await saveTenantSecret(actor, "trustedform.api_key", "first-key-0001");
    expect(await saveTenantSecret(actor, "trustedform.api_key", "second-key-0002")).toEqual({
      replaced: true,
      environment: "sandbox",
    });
    expect((await describeTenantSecrets(actor))[0]?.last4).toBe("0002");
    expect(await removeTenantSecret(actor, "trustedform.api_key")).toBe(true);
    expect(
      await withTenantSecret(actor, "trustedform.api_key", "sandbox", async (secret) => secret),
    ).toBeNull();
    const actions = (
      await systemDb.auditEntry.findMany({
        where: { tenantId: tenant.id, action: { startsWith: "secret." } },
        orderBy: { seq: "asc" },
      })
    ).map((e) => e.action);
    expect(actions).toEqual(["secret.set", "secret.replaced", "secret.removed"]);
  });

  it("does not open a ciphertext copied into another tenant's row", async () => {
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    await saveTenantSecret(a.actor, "truescreen.api_key", "tenant-a-secret-key");
    await saveTenantSecret(b.actor, "truescreen.api_key", "tenant-b-secret-key");
    const stolen = await systemDb.tenantSecret.findFirstOrThrow({ where: { tenantId: a.tenant.id } });
    await systemDb.tenantSecret.updateMany({
      where: { tenantId: b.tenant.id },
      data: { sealed: stolen.sealed, hintSealed: stolen.hintSealed },
    });
    await expect(withTenantSecret(b.actor, "truescreen.api_key", "sandbox", async (s) => s)).rejects.toThrow(
      /could not be opened/,
    );
    // Rotation would (rightly) report this forged row as failed: clear it for the other tests.
    await systemDb.tenantSecret.deleteMany({ where: { tenantId: b.tenant.id } });
  });

  it("rotation re-seals every secret under the new key; the old key can then be removed; a second run has nothing to do", async () => {
    const { actor } = await createTenantWithOwner();
    const oldKeys = process.env.CERTDESK_MASTER_KEYS!;
    await saveTenantSecret(actor, "truescreen.api_key", "rotate-me-key-1234");
    await saveTenantSecret(actor, "truescreen.webhook_secret", "whsec_cm90YXRlLW1lLXNlY3JldA==");
    const fresh = generateMasterKeyEntry();
    const freshId = fresh.split(":")[0]!;
    process.env.CERTDESK_MASTER_KEYS = `${fresh},${oldKeys}`;
    const report = await resealAllSecrets({ batchSize: 1, onlyTenantId: actor.tenantId });
    expect(report.failed).toEqual([]);
    expect(report).toMatchObject({ checked: 2, resealed: 2, alreadyCurrent: 0 });
    expect(
      await systemDb.tenantSecret.count({ where: { tenantId: actor.tenantId, keyId: { not: freshId } } }),
    ).toBe(0);

    process.env.CERTDESK_MASTER_KEYS = fresh;
    expect(await withTenantSecret(actor, "truescreen.api_key", "sandbox", async (s) => s)).toBe(
      "rotate-me-key-1234",
    );
    expect((await describeTenantSecrets(actor)).map((s) => [s.purpose, s.last4])).toEqual([
      ["truescreen.api_key", "1234"],
      ["truescreen.webhook_secret", "dA=="],
    ]);
    expect(await resealAllSecrets({ onlyTenantId: actor.tenantId })).toEqual({
      checked: 2,
      resealed: 0,
      alreadyCurrent: 2,
      failed: [],
    });
  });

  it("keeps one key per environment: each use gets its own environment's key, never the other's", async () => {
    const { actor } = await createTenantWithOwner();
    await saveTenantSecret(actor, "trustedform.api_key", "production-key-PROD", "production");
    expect(await withTenantSecret(actor, "trustedform.api_key", "sandbox", async (s) => s)).toBeNull();
    expect(await hasTenantSecret(actor, "trustedform.api_key", "production")).toBe(true);
    await saveTenantSecret(actor, "trustedform.api_key", "sandbox-key-SAND", "sandbox");
    expect(await withTenantSecret(actor, "trustedform.api_key", "production", async (s) => s)).toBe(
      "production-key-PROD",
    );
    expect(await withTenantSecret(actor, "trustedform.api_key", "sandbox", async (s) => s)).toBe(
      "sandbox-key-SAND",
    );
    expect((await describeTenantSecrets(actor)).map((s) => [s.environment, s.last4])).toEqual([
      ["production", "PROD"],
      ["sandbox", "SAND"],
    ]);
    expect(await removeTenantSecret(actor, "trustedform.api_key", "sandbox")).toBe(true);
    expect(await withTenantSecret(actor, "trustedform.api_key", "production", async (s) => s)).toBe(
      "production-key-PROD",
    );
  });

  it("does not open a production ciphertext moved into the tenant's own sandbox row", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    await saveTenantSecret(actor, "truescreen.api_key", "the-production-key-0001", "production");
    await saveTenantSecret(actor, "truescreen.api_key", "the-sandbox-key-0002", "sandbox");
    const production = await systemDb.tenantSecret.findFirstOrThrow({
      where: { tenantId: tenant.id, environment: "production" },
    });
    await systemDb.tenantSecret.updateMany({
      where: { tenantId: tenant.id, environment: "sandbox" },
      data: { sealed: production.sealed, hintSealed: production.hintSealed },
    });
    await expect(withTenantSecret(actor, "truescreen.api_key", "sandbox", async (s) => s)).rejects.toThrow(
      /could not be opened/,
    );
    await systemDb.tenantSecret.deleteMany({ where: { tenantId: tenant.id } });
  });

  it("opens a row sealed before environments were bound, and rotation re-seals it bound to its environment", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    await saveTenantSecret(actor, "trustedform.api_key", "placeholder-0000", "production");
    // Rewrite the row as the previous release wrote it: v1, associated data without the environment.
    const key = masterKeys()[0]!;
    const sealV1 = (purpose: string, plaintext: string) => {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv("aes-256-gcm", key.key, iv);
      cipher.setAAD(Buffer.from(`certdesk:v1:${tenant.id}:${purpose}`));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [
        "v1",
        key.id,
        iv.toString("base64url"),
        ciphertext.toString("base64url"),
        cipher.getAuthTag().toString("base64url"),
      ].join(":");
    };
    await systemDb.tenantSecret.updateMany({
      where: { tenantId: tenant.id },
      data: {
        sealed: sealV1("trustedform.api_key", "legacy-key-LGCY"),
        hintSealed: sealV1("trustedform.api_key#hint", "LGCY"),
      },
    });
    expect(await withTenantSecret(actor, "trustedform.api_key", "production", async (s) => s)).toBe(
      "legacy-key-LGCY",
    );
    expect(await resealAllSecrets({ onlyTenantId: tenant.id })).toMatchObject({
      checked: 1,
      resealed: 1,
      alreadyCurrent: 0,
      failed: [],
    });
    const row = await systemDb.tenantSecret.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(row.sealed.startsWith("v2:")).toBe(true);
    expect(row.hintSealed.startsWith("v2:")).toBe(true);
    expect(await withTenantSecret(actor, "trustedform.api_key", "production", async (s) => s)).toBe(
      "legacy-key-LGCY",
    );
    expect((await describeTenantSecrets(actor))[0]?.last4).toBe("LGCY");
    expect(await resealAllSecrets({ onlyTenantId: tenant.id })).toMatchObject({
      resealed: 0,
      alreadyCurrent: 1,
    });
  });
});
