// The hash of one audit entry over its canonical form, the previous entry's hash included. Entries written since
// the chain is keyed carry an HMAC-SHA256 under the chain key (audit-chain-key.ts) and the key's id; entries written
// before (keyId null) carry a plain SHA-256, which anyone can recompute, and are accepted by the verifier only
// before a chain's first keyed entry.
import crypto from "node:crypto";
import type { AuditChainKey } from "./audit-chain-key";
import { canonicalJson } from "./canonical-json";

export const GENESIS_HASH = "0".repeat(64);

export interface HashedFields {
  tenantId: string | null;
  seq: number;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  ip: string | null;
  createdAt: Date;
  prevHash: string;
}

function canonicalFields(entry: HashedFields) {
  return {
    tenantId: entry.tenantId,
    seq: entry.seq,
    actorId: entry.actorId,
    actorEmail: entry.actorEmail,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? {},
    ip: entry.ip,
    createdAt: entry.createdAt.toISOString(),
    prevHash: entry.prevHash,
  };
}

/** A legacy entry's hash: SHA-256 (hex) of its canonical form. Every stored field is covered. */
export function legacyAuditEntryHash(entry: HashedFields): string {
  const canonical = canonicalJson({ v: 1, ...canonicalFields(entry) });
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

/**
 * A keyed entry's hash: HMAC-SHA256 (hex) of its canonical form under the chain key. The key's id is covered too,
 * so an entry cannot be passed off as sealed with another key.
 */
export function keyedAuditEntryHash(entry: HashedFields, chainKey: AuditChainKey): string {
  const canonical = canonicalJson({ v: 2, keyId: chainKey.id, ...canonicalFields(entry) });
  return crypto.createHmac("sha256", chainKey.key).update(canonical).digest("hex");
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
