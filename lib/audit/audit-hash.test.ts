import { describe, expect, it } from "vitest";
import { auditEntryHash, GENESIS_HASH, type HashedFields } from "./audit-hash";
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

describe("auditEntryHash", () => {
  it("is a SHA-256 hex digest, stable for the same entry", () => {
    expect(auditEntryHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEntryHash({ ...base, details: { email: "b@example.test", role: "viewer" } })).toBe(
      auditEntryHash(base),
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
    const original = auditEntryHash(base);
    for (const variant of variants) expect(auditEntryHash({ ...base, ...variant })).not.toBe(original);
  });
});
