// The worker's anchoring pass: one object per chain head, created once and never overwritten, the system chain
// included; a head found anchored with another hash is reported, not papered over.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/client";
import { LocalEvidenceStore, type EvidenceStore } from "@/lib/evidence/evidence-store";
import { masterKeys } from "@/lib/secrets/master-keys";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { anchorAuditHeads } from "./anchor-audit-heads";
import { anchorBytes, anchorKey } from "./audit-anchors";
import { appendAuditEntry } from "./append-audit-entry";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-anchoring-"));
const store: EvidenceStore = new LocalEvidenceStore(root);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const file = (tenantId: string | null, seq: number) => path.join(root, anchorKey(tenantId, seq));

describe("anchorAuditHeads", () => {
  it("writes one object per head that moved, with tenant, position, hash, key id and time", async () => {
    const { tenant } = await createTenantWithOwner();
    await appendAuditEntry({ tenantId: tenant.id, action: "test.event" });
    const system = await appendAuditEntry({ tenantId: null, action: "test.system_event" });
    const head = await systemDb.auditEntry.findFirstOrThrow({ where: { tenantId: tenant.id, seq: 2 } });
    const memory = new Map<string, string>();
    const before = Date.now();
    await anchorAuditHeads({ store, anchored: memory });

    const written = JSON.parse(fs.readFileSync(file(tenant.id, 2), "utf8"));
    expect(written).toEqual({
      tenant: tenant.id,
      seq: 2,
      hash: head.hash,
      keyId: masterKeys()[0]!.id,
      time: expect.any(String),
    });
    expect(Date.parse(written.time)).toBeGreaterThanOrEqual(before - 1000);
    expect(fs.existsSync(file(tenant.id, 1))).toBe(false); // one object per head, not per entry
    expect(fs.existsSync(file(null, system.seq))).toBe(true);

    // Nothing moved: nothing is written. A new entry: the new head only.
    expect((await anchorAuditHeads({ store, anchored: memory })).written).toBe(0);
    await appendAuditEntry({ tenantId: tenant.id, action: "test.event" });
    await appendAuditEntry({ tenantId: tenant.id, action: "test.event" });
    await anchorAuditHeads({ store, anchored: memory });
    expect(fs.readdirSync(path.dirname(file(tenant.id, 1))).sort()).toEqual([
      "0000000002.json",
      "0000000004.json",
    ]);
  });

  it("never rewrites an anchor: a new process finds the same head anchored and leaves the object as it was", async () => {
    const { tenant } = await createTenantWithOwner();
    await anchorAuditHeads({ store });
    const first = fs.readFileSync(file(tenant.id, 1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await anchorAuditHeads({ store, anchored: new Map() });
    expect(again.conflicts.filter((head) => head.tenantId === tenant.id)).toEqual([]);
    expect(fs.readFileSync(file(tenant.id, 1)).equals(first)).toBe(true);
  });

  it("reports a head that storage holds with another hash, and keeps the stored anchor", async () => {
    const { tenant } = await createTenantWithOwner();
    const other = anchorBytes({
      tenant: tenant.id,
      seq: 1,
      hash: "cd".repeat(32),
      keyId: masterKeys()[0]!.id,
      time: "2026-11-24T00:00:00.000Z",
    });
    await store.putIfAbsent(anchorKey(tenant.id, 1), other, "application/json");
    const run = await anchorAuditHeads({ store });
    expect(run.conflicts.filter((head) => head.tenantId === tenant.id)).toMatchObject([{ seq: 1 }]);
    expect(fs.readFileSync(file(tenant.id, 1)).equals(other)).toBe(true);
  });
});
