// The key of the audit chain's HMAC, derived (HKDF-SHA256) from a master key of CERTDESK_MASTER_KEYS, so that
// someone who can write to the database but does not hold the master keys cannot compute a valid entry: deleting
// or rewriting entries and re-chaining the rest fails verification. Rotation follows the master keys: new entries
// use the first (current) key; each entry records the id of the key it was sealed with, and verifies with that
// key while it is still configured.
import crypto from "node:crypto";
import { masterKeys, type MasterKey } from "@/lib/secrets/master-keys";

export interface AuditChainKey {
  /** The id of the master key it is derived from (AuditEntry.keyId). */
  id: string;
  key: Buffer;
}

// Domain separation: the same master key also seals tenant secrets; this derivation serves the audit chain only.
const INFO = Buffer.from("certdesk audit chain hmac v1");

const derived = new WeakMap<MasterKey, AuditChainKey>();

function derive(master: MasterKey): AuditChainKey {
  let chainKey = derived.get(master);
  if (!chainKey) {
    chainKey = {
      id: master.id,
      key: Buffer.from(crypto.hkdfSync("sha256", master.key, Buffer.alloc(0), INFO, 32)),
    };
    derived.set(master, chainKey);
  }
  return chainKey;
}

/** The key new entries are sealed with: derived from the first master key. */
export function currentAuditChainKey(): AuditChainKey {
  return derive(masterKeys()[0]!);
}

/** The key an entry was sealed with, or null when its master key is no longer configured. */
export function auditChainKeyById(id: string): AuditChainKey | null {
  const master = masterKeys().find((candidate) => candidate.id === id);
  return master ? derive(master) : null;
}
