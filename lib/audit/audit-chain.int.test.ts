// The audit chain against an attacker with full database access (a superuser connection, which the app never has:
// it connects as the least-privilege app role, see lib/db/database-roles.int.test.ts) but without the master keys
// and without write access to evidence storage.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { LocalEvidenceStore } from "@/lib/evidence/evidence-store";
import { masterKeys } from "@/lib/secrets/master-keys";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { anchorAuditHeads } from "./anchor-audit-heads";
import {
  appendAuditEntries,
  appendAuditEntry,
  auditEntriesInsert,
  beginAuditAppend,
} from "./append-audit-entry";
import { GENESIS_HASH, keyedAuditEntryHash, legacyAuditEntryHash, type HashedFields } from "./audit-hash";
import { describeChainVerdict } from "./describe-chain-verdict";
import { verifyAuditChain } from "./verify-audit-chain";

let client: pg.Client;
const store = new LocalEvidenceStore(fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-anchors-")));
const originalKeys = process.env.CERTDESK_MASTER_KEYS;

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseSuperuserUrl") });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  fs.rmSync(store.root, { recursive: true, force: true });
});

afterEach(() => {
  process.env.CERTDESK_MASTER_KEYS = originalKeys;
});

/** Changes stored entries behind the application's back, the way an attacker with database access would. */
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

async function entries(tenantId: string) {
  return (
    await client.query<{ seq: number; prevHash: string; hash: string; keyId: string | null }>(
      'select seq, "prevHash", hash, "keyId" from "AuditEntry" where "tenantId" = $1 order by seq',
      [tenantId],
    )
  ).rows;
}

/** Inserts entries as the attacker: positions, links and hashes computed by `seal`, the trigger bypassed. */
async function forge(
  tenantId: string,
  fromSeq: number,
  count: number,
  seal: (fields: HashedFields) => string,
  keyId: string | null,
) {
  const head = (await entries(tenantId)).find((entry) => entry.seq === fromSeq - 1);
  let prevHash = head?.hash ?? GENESIS_HASH;
  for (let seq = fromSeq; seq < fromSeq + count; seq++) {
    const fields: HashedFields = {
      tenantId,
      seq,
      actorId: null,
      actorEmail: "attacker@example.test",
      action: "test.forged",
      targetType: null,
      targetId: null,
      details: {},
      ip: null,
      createdAt: new Date(),
      prevHash,
    };
    const hash = seal(fields);
    await client.query(
      `insert into "AuditEntry" ("tenantId", seq, "actorEmail", action, details, "createdAt", "prevHash", hash, "keyId")
       values ($1, $2, $3, $4, '{}', ($5::timestamptz at time zone 'UTC'), $6, $7, $8)`,
      [
        tenantId,
        seq,
        fields.actorEmail,
        fields.action,
        fields.createdAt.toISOString(),
        prevHash,
        hash,
        keyId,
      ],
    );
    prevHash = hash;
  }
}

describe("the audit hash chain", () => {
  it("links each entry to the previous one, seals it with an HMAC under the current master key, and verifies intact", async () => {
    const tenantId = await tenantWithEntries(6);
    const rows = await entries(tenantId);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.keyId))).toEqual(new Set([masterKeys()[0]!.id]));
    expect(await verifyAuditChain(tenantId, { store })).toMatchObject({
      intact: true,
      entries: 6,
      firstBroken: null,
      legacyEntries: 0,
      unchecked: [],
    });
  });

  it("seals entries appended in one batch by the worker the same way", async () => {
    const { tenant } = await createTenantWithOwner();
    const app = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await app.connect();
    try {
      await app.query("begin");
      await appendAuditEntries(app, tenant.id, [{ action: "claim.claimed" }, { action: "claim.refused" }]);
      await app.query("commit");
    } finally {
      await app.end();
    }
    expect((await entries(tenant.id)).map((r) => [r.seq, r.keyId])).toEqual(
      [1, 2, 3].map((seq) => [seq, masterKeys()[0]!.id]),
    );
    expect(await verifyAuditChain(tenant.id, { store })).toMatchObject({ intact: true, entries: 3 });
  });

  it("keeps one chain when group-commit appends (lock and head in one round trip) race single appends", async () => {
    const { tenant } = await createTenantWithOwner();
    const clients = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        return c;
      }),
    );
    try {
      // Each connection appends its groups one after another, as the group commit does.
      const grouped = clients.map(async (c, i) => {
        for (const round of [0, 1, 2]) {
          const head = await beginAuditAppend(c, tenant.id);
          const insert = auditEntriesInsert(
            tenant.id,
            [{ action: `g${i}.${round}.a` }, { action: `g${i}.${round}.b` }],
            head,
            1,
          );
          await c.query(`insert into "AuditEntry" ${insert.columnsAndValues}`, insert.values);
          await c.query("commit");
        }
      });
      const single = Array.from({ length: 8 }, (_, n) =>
        appendAuditEntry({ tenantId: tenant.id, action: `single.${n}` }),
      );
      await Promise.all([...grouped, ...single]);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    // The tenant's creation entry, 4 connections × 3 groups × 2 entries, 8 single entries.
    expect(await verifyAuditChain(tenant.id, { store })).toMatchObject({ intact: true, entries: 1 + 24 + 8 });
    await expect(beginAuditAppend({ query: async () => [] }, "x' or true --")).rejects.toThrow(/UUID/);
  });

  it("names the exact row whose content was changed", async () => {
    const tenantId = await tenantWithEntries(6);
    await tamper(`update "AuditEntry" set details = '{"n": 999}' where "tenantId" = $1 and seq = 4`, [
      tenantId,
    ]);
    const verdict = await verifyAuditChain(tenantId, { store });
    expect(verdict.intact).toBe(false);
    expect(verdict.firstBroken).toMatchObject({ seq: 4, reason: expect.stringMatching(/changed/) });
    expect(verdict.entries).toBe(3);
  });

  it("detects a row rewritten with a recomputed hash at the next row, and a deleted row where the gap is", async () => {
    const rewritten = await tenantWithEntries(5);
    await tamper(`update "AuditEntry" set hash = repeat('a', 64) where "tenantId" = $1 and seq = 2`, [
      rewritten,
    ]);
    expect((await verifyAuditChain(rewritten, { store })).firstBroken?.seq).toBe(2);

    const deleted = await tenantWithEntries(5);
    await tamper(`delete from "AuditEntry" where "tenantId" = $1 and seq = 3`, [deleted]);
    expect((await verifyAuditChain(deleted, { store })).firstBroken).toMatchObject({
      seq: 4,
      reason: expect.stringMatching(/missing/),
    });
  });

  it("cannot be rebuilt without the master key: re-chained entries fail, with plain SHA-256 or a guessed key", async () => {
    const unkeyed = await tenantWithEntries(6);
    await tamper(`delete from "AuditEntry" where "tenantId" = $1 and seq >= 4`, [unkeyed]);
    await forge(unkeyed, 4, 3, legacyAuditEntryHash, null);
    const first = await verifyAuditChain(unkeyed, { store });
    expect(first.intact).toBe(false);
    expect(first.firstBroken).toMatchObject({ seq: 4, reason: expect.stringMatching(/carries no key/) });

    const guessed = await tenantWithEntries(6);
    const keyId = masterKeys()[0]!.id;
    await tamper(`delete from "AuditEntry" where "tenantId" = $1 and seq >= 4`, [guessed]);
    await forge(
      guessed,
      4,
      3,
      (fields) => keyedAuditEntryHash(fields, { id: keyId, key: crypto.randomBytes(32) }),
      keyId,
    );
    expect((await verifyAuditChain(guessed, { store })).firstBroken).toMatchObject({
      seq: 4,
      reason: expect.stringMatching(/without the chain key/),
    });
  });

  it("accepts entries from before keyed chains only at the chain's start", async () => {
    const { tenant } = await createTenantWithOwner();
    await tamper(`delete from "AuditEntry" where "tenantId" = $1`, [tenant.id]);
    await forge(tenant.id, 1, 2, legacyAuditEntryHash, null); // what an earlier Certdesk wrote
    await appendAuditEntry({ tenantId: tenant.id, action: "test.after_upgrade" });
    const verdict = await verifyAuditChain(tenant.id, { store });
    expect(verdict).toMatchObject({ intact: true, entries: 3, legacyEntries: 2 });
    expect(describeChainVerdict(verdict).notes).toContain(
      "The first 2 entries predate keyed chains and carry a plain SHA-256 that anyone with database access could recompute.",
    );
  });

  it("keeps verifying across a master-key rotation, and names the entries whose key was removed", async () => {
    const [old] = masterKeys();
    const tenantId = await tenantWithEntries(3);
    const fresh = `knew:${crypto.randomBytes(32).toString("base64")}`;
    process.env.CERTDESK_MASTER_KEYS = `${fresh},${originalKeys}`;
    await appendAuditEntry({ tenantId, action: "test.after_rotation" });
    expect((await entries(tenantId)).map((r) => r.keyId)).toEqual([old!.id, old!.id, old!.id, "knew"]);
    expect(await verifyAuditChain(tenantId, { store })).toMatchObject({
      intact: true,
      entries: 4,
      unchecked: [],
    });

    process.env.CERTDESK_MASTER_KEYS = fresh; // the retired key removed
    const verdict = await verifyAuditChain(tenantId, { store });
    expect(verdict).toMatchObject({
      intact: true,
      entries: 4,
      unchecked: [{ keyId: old!.id, fromSeq: 1, toSeq: 3 }],
    });
    expect(describeChainVerdict(verdict)).toMatchObject({
      tone: "info",
      notes: expect.arrayContaining([
        `Entries 1 to 3 were sealed with master key "${old!.id}", which is no longer configured: their order is checked, their content cannot be.`,
      ]),
    });
  });

  it("reports the newest entries deleted behind the app's back, from the anchor outside the database", async () => {
    const tenantId = await tenantWithEntries(6);
    await anchorAuditHeads({ store });
    const anchored = (await entries(tenantId))[5]!;
    expect(fs.existsSync(path.join(store.root, `audit-anchors/${tenantId}/0000000006.json`))).toBe(true);

    await tamper(`delete from "AuditEntry" where "tenantId" = $1 and seq >= 5`, [tenantId]);
    const verdict = await verifyAuditChain(tenantId, { store });
    // What is left is a well-formed chain: only the anchor shows what is gone.
    expect(verdict).toMatchObject({ intact: false, entries: 4, firstBroken: null });
    expect(verdict.truncation).toMatchObject({ fromSeq: 5, toSeq: 6 });
    const time = verdict.anchor!.time;
    expect(describeChainVerdict(verdict).headline).toBe(
      `The chain was cut short: entries 5 to 6 are missing: the newest anchor, written ${time}, names entry 6 with hash ${anchored.hash}.`,
    );

    // The app goes on appending after the cut: the chain is well formed and keyed again, and still reported.
    await appendAuditEntry({ tenantId, action: "test.after_cut" });
    await appendAuditEntry({ tenantId, action: "test.after_cut" });
    const after = await verifyAuditChain(tenantId, { store });
    expect(after).toMatchObject({ intact: false, entries: 6, firstBroken: null });
    expect(after.truncation).toMatchObject({ fromSeq: 6, toSeq: 6 });
    expect(after.truncation!.message).toMatch(/^entry 6 is not the anchored one/);
  });

  it("keeps one unforked chain under concurrent appends", async () => {
    const { tenant } = await createTenantWithOwner();
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        appendAuditEntry({ tenantId: tenant.id, action: "test.concurrent", details: { i } }),
      ),
    );
    expect(await verifyAuditChain(tenant.id, { store })).toMatchObject({ intact: true, entries: 26 });
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
    expect(await verifyAuditChain(tenantId, { store })).toMatchObject({ intact: true, entries: 2 });
  });
});
