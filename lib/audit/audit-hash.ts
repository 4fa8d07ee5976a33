import crypto from "node:crypto";
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

/** SHA-256 (hex) of an entry's canonical form. Every stored field is covered, the previous hash included. */
export function auditEntryHash(entry: HashedFields): string {
  const canonical = canonicalJson({
    v: 1,
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
  });
  return crypto.createHash("sha256").update(canonical).digest("hex");
}
