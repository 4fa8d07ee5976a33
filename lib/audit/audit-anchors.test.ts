// Finding a chain's newest anchor without listing every anchor it ever had, and refusing objects that are not
// anchors Certdesk wrote.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalEvidenceStore, type EvidenceStore } from "@/lib/evidence/evidence-store";
import { anchorBytes, anchorKey, findNewestAnchorKey, parseAnchor, readAnchor } from "./audit-anchors";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-anchor-keys-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const tenant = "6f1c1c8e-1d7a-4a51-9a0c-0c6c3c3f0a11";
const hash = "ab".repeat(32);

/** A store that counts the keys it lists, to show the search does not read every anchor. */
function countingStore(inner: EvidenceStore) {
  const counter = { listed: 0 };
  const store: EvidenceStore = {
    kind: inner.kind,
    put: inner.put.bind(inner),
    get: inner.get.bind(inner),
    getRange: inner.getRange.bind(inner),
    putIfAbsent: inner.putIfAbsent.bind(inner),
    listKeys: async (prefix, options) => {
      const keys = await inner.listKeys(prefix, options);
      counter.listed += keys.length;
      return keys;
    },
  };
  return { store, counter };
}

async function anchorAt(store: EvidenceStore, tenantId: string | null, seq: number) {
  const anchor = { tenant: tenantId, seq, hash, keyId: "k1", time: "2026-11-24T00:00:00.000Z" };
  await store.putIfAbsent(anchorKey(tenantId, seq), anchorBytes(anchor), "application/json");
}

describe("anchor keys", () => {
  it("sort as their positions do", () => {
    expect(anchorKey(tenant, 45)).toBe(`audit-anchors/${tenant}/0000000045.json`);
    expect(anchorKey(null, 2_147_483_647)).toBe("audit-anchors/system/2147483647.json");
    expect(anchorKey(tenant, 9) < anchorKey(tenant, 10)).toBe(true);
  });
});

describe("findNewestAnchorKey", () => {
  const local: EvidenceStore = new LocalEvidenceStore(root);

  it("finds an anchor beyond the chain's head (a truncation) and the newest one at or below it", async () => {
    for (const seq of [1, 2, 3, 50, 51]) await anchorAt(local, tenant, seq);
    expect(await findNewestAnchorKey(local, tenant, 40)).toBe(anchorKey(tenant, 51));
    expect(await findNewestAnchorKey(local, tenant, 51)).toBe(anchorKey(tenant, 51));
    expect(await findNewestAnchorKey(local, tenant, 60)).toBe(anchorKey(tenant, 51));
    expect(await findNewestAnchorKey(local, tenant, 0)).toBe(anchorKey(tenant, 51));
    expect(await findNewestAnchorKey(local, "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", 10)).toBeNull();
  });

  it("looks back in growing windows instead of listing every anchor", async () => {
    const chain = "1a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    for (let seq = 1; seq <= 300; seq++) await anchorAt(local, chain, seq);
    const { store, counter } = countingStore(local);
    expect(await findNewestAnchorKey(store, chain, 310)).toBe(anchorKey(chain, 300));
    expect(counter.listed).toBeLessThan(64);
    counter.listed = 0;
    expect(await findNewestAnchorKey(store, chain, 300)).toBe(anchorKey(chain, 300));
    expect(counter.listed).toBe(1);
  });

  it("ignores objects in the folder that are not anchors", async () => {
    const chain = "2a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    await anchorAt(local, chain, 7);
    await local.putIfAbsent(`audit-anchors/${chain}/notes.txt`, Buffer.from("x"), "text/plain");
    expect(await findNewestAnchorKey(local, chain, 7)).toBe(anchorKey(chain, 7));
  });
});

describe("parseAnchor", () => {
  it("reads back what anchorBytes wrote, and refuses an object of another chain, position or shape", async () => {
    const anchor = { tenant, seq: 5, hash, keyId: null, time: "2026-11-24T00:00:00.000Z" };
    const key = anchorKey(tenant, 5);
    expect(parseAnchor(key, anchorBytes(anchor), tenant)).toEqual(anchor);
    expect(() => parseAnchor(key, anchorBytes(anchor), null)).toThrow(/not an anchor Certdesk wrote/);
    expect(() => parseAnchor(anchorKey(tenant, 6), anchorBytes(anchor), tenant)).toThrow(/cannot be read/);
    expect(() => parseAnchor(key, anchorBytes({ ...anchor, hash: "nope" }), tenant)).toThrow(
      /cannot be read/,
    );
    expect(() => parseAnchor(key, Buffer.from("{"), tenant)).toThrow(/cannot be read/);
    expect(await readAnchor(new LocalEvidenceStore(root), anchorKey(tenant, 999), tenant)).toBeNull();
  });
});
