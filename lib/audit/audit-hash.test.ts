import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { GENESIS_HASH, keyedAuditEntryHash, legacyAuditEntryHash, type HashedFields } from "./audit-hash";
import { canonicalJson } from "./canonical-json";

const base: HashedFields = {
  tenantId: "6f1c1c8e-1d7a-4a51-9a0c-0c6c3c3f0a11",
  seq: 1,
  actorId: null,
  actorEmail: "a@example.test",
  action: "member.added",
  targetType: "membership",
  targetId: "x",
  details: { role: "viewer", email: "b@example.test" },
  ip: "127.0.0.1",
  createdAt: new Date("2026-11-23T10:00:00.123Z"),
  prevHash: GENESIS_HASH,
};

describe("canonicalJson", () => {
  it("sorts keys at every depth so that jsonb's reordering does not change a hash", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });
});

const key = { id: "k1", key: crypto.randomBytes(32) };

describe("keyedAuditEntryHash", () => {
  it("is an HMAC-SHA256 hex digest, stable for the same entry and key", () => {
    expect(keyedAuditEntryHash(base, key)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedAuditEntryHash({ ...base, details: { email: "b@example.test", role: "viewer" } }, key)).toBe(
      keyedAuditEntryHash(base, key),
    );
  });

  it("cannot be computed without the key: another key, the same key under another id, or plain SHA-256 differ", () => {
    const original = keyedAuditEntryHash(base, key);
    expect(keyedAuditEntryHash(base, { id: "k1", key: crypto.randomBytes(32) })).not.toBe(original);
    expect(keyedAuditEntryHash(base, { id: "k2", key: key.key })).not.toBe(original);
    expect(legacyAuditEntryHash(base)).not.toBe(original);
  });
});

describe("legacyAuditEntryHash", () => {
  it("is the SHA-256 of the canonical form that entries before keyed chains carry", () => {
    expect(legacyAuditEntryHash(base)).toBe(
      crypto
        .createHash("sha256")
        .update(
          '{"action":"member.added","actorEmail":"a@example.test","actorId":null,' +
            '"createdAt":"2026-11-23T10:00:00.123Z","details":{"email":"b@example.test","role":"viewer"},' +
            `"ip":"127.0.0.1","prevHash":"${GENESIS_HASH}","seq":1,"targetId":"x","targetType":"membership",` +
            '"tenantId":"6f1c1c8e-1d7a-4a51-9a0c-0c6c3c3f0a11","v":1}',
        )
        .digest("hex"),
    );
  });

  it("changes when any field changes, the previous hash included", () => {
    const variants: Partial<HashedFields>[] = [
      { seq: 2 },
      { tenantId: null },
      { actorEmail: "c@example.test" },
      { action: "member.removed" },
      { targetId: "y" },
      { details: { role: "owner", email: "b@example.test" } },
      { ip: "10.0.0.1" },
      { createdAt: new Date("2026-11-23T10:00:00.124Z") },
      { prevHash: "f".repeat(64) },
    ];
    const legacy = legacyAuditEntryHash(base);
    const keyed = keyedAuditEntryHash(base, key);
    for (const variant of variants) {
      expect(legacyAuditEntryHash({ ...base, ...variant })).not.toBe(legacy);
      expect(keyedAuditEntryHash({ ...base, ...variant }, key)).not.toBe(keyed);
    }
  });
});
