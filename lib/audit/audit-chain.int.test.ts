import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { appendAuditEntry } from "./append-audit-entry";
import { verifyAuditChain } from "./verify-audit-chain";

// A superuser: the attacker with full database access that the chain must expose (the app role cannot even try).
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseSuperuserUrl") });
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

/** Changes a stored entry behind the application's back, the way an attacker with database access would. */
async function tamper(sql: string, params: unknown[]) {
  await client.query("begin");
  await client.query('alter table "AuditEntry" disable trigger user');
  await client.query(sql, params);
  await client.query('alter table "AuditEntry" enable trigger user');
  await client.query("commit");
}

async function tenantWithEntries(count: number) {
  const { tenant } = await createTenantWithOwner(); // writes entry 1: tenant.created
  for (let i = 2; i <= count; i++) {
    await appendAuditEntry({
      tenantId: tenant.id,
      action: "test.event",
      targetType: "thing",
      targetId: String(i),
      details: { n: i, nested: { b: 1, a: 2 } },
    });
  }
  return tenant.id;
}

describe("the audit hash chain", () => {
  it("links each entry to the previous one and verifies intact", async () => {
    const tenantId = await tenantWithEntries(6);
    const rows = (
      await client.query(
        'select seq, "prevHash", hash from "AuditEntry" where "tenantId" = $1 order by seq',
        [tenantId],
      )
    ).rows;
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0].prevHash).toBe("0".repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(await verifyAuditChain(tenantId)).toEqual({ intact: true, entries: 6 });
  });

  it("names the exact row whose content was changed", async () => {
    const tenantId = await tenantWithEntries(6);
    await tamper(`update "AuditEntry" set details = '{"n": 999}' where "tenantId" = $1 and seq = 4`, [
      tenantId,
    ]);
    const verdict = await verifyAuditChain(tenantId);
    expect(verdict.intact).toBe(false);
    if (!verdict.intact) {
      expect(verdict.firstBroken.seq).toBe(4);
      expect(verdict.firstBroken.reason).toMatch(/changed/);
      expect(verdict.entries).toBe(3);
    }
  });

  it("detects a row rewritten with a recomputed hash at the next row, and a deleted row where the gap is", async () => {
    const rewritten = await tenantWithEntries(5);
    await tamper(`update "AuditEntry" set hash = repeat('a', 64) where "tenantId" = $1 and seq = 2`, [
      rewritten,
    ]);
    const first = await verifyAuditChain(rewritten);
    expect(first.intact ? null : first.firstBroken.seq).toBe(2);

    const deleted = await tenantWithEntries(5);
    await tamper(`delete from "AuditEntry" where "tenantId" = $1 and seq = 3`, [deleted]);
    const second = await verifyAuditChain(deleted);
    expect(second.intact ? null : [second.firstBroken.seq, second.firstBroken.reason]).toEqual([
      4,
      expect.stringMatching(/missing/),
    ]);
  });

  it("keeps one unforked chain under concurrent appends", async () => {
    const { tenant } = await createTenantWithOwner();
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        appendAuditEntry({ tenantId: tenant.id, action: "test.concurrent", details: { i } }),
      ),
    );
    expect(await verifyAuditChain(tenant.id)).toEqual({ intact: true, entries: 26 });
  });

  it("is append-only even for the owner and a superuser: the trigger refuses UPDATE, DELETE and TRUNCATE", async () => {
    const tenantId = await tenantWithEntries(2);
    await expect(
      client.query(`update "AuditEntry" set action = 'x' where "tenantId" = $1`, [tenantId]),
    ).rejects.toThrow(/append-only/);
    await expect(client.query(`delete from "AuditEntry" where "tenantId" = $1`, [tenantId])).rejects.toThrow(
      /append-only/,
    );
    await expect(client.query(`truncate "AuditEntry"`)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(tenantId)).toEqual({ intact: true, entries: 2 });
  });
});
