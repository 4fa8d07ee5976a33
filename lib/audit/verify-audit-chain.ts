// Walks a tenant's chain in order and recomputes every hash, then compares the chain's head with the newest anchor
// in evidence storage. The first entry whose hash, link to the previous entry or position does not hold is named:
// everything before it is intact. A chain that ends before its newest anchor, or holds another hash where the
// anchor points, was cut short (or cut and rebuilt): the missing positions are named.
import { systemDb } from "@/lib/db/client";
import { evidenceStore, type EvidenceStore } from "@/lib/evidence/evidence-store";
import { auditChainKeyById } from "./audit-chain-key";
import { findNewestAnchorKey, readAnchor } from "./audit-anchors";
import { GENESIS_HASH, keyedAuditEntryHash, legacyAuditEntryHash, sameHash } from "./audit-hash";

export interface BrokenEntry {
  id: string;
  seq: number;
  reason: string;
}

/** Entries sealed with a master key that is no longer configured: their links are checked, their content cannot be. */
export interface UncheckedEntries {
  keyId: string;
  fromSeq: number;
  toSeq: number;
}

export interface AnchorComparison {
  key: string;
  seq: number;
  hash: string;
  time: string;
}

export interface Truncation {
  /** The first position the chain no longer holds as anchored. */
  fromSeq: number;
  /** The anchored position. */
  toSeq: number;
  message: string;
}

export interface ChainVerdict {
  intact: boolean;
  /** Entries checked, in order, before the first broken one (all of them when none is broken). */
  entries: number;
  firstBroken: BrokenEntry | null;
  /** Entries written before the chain was keyed (plain SHA-256), at its start. */
  legacyEntries: number;
  unchecked: UncheckedEntries[];
  /** The newest anchor, or null when the chain has none yet (or storage could not be read). */
  anchor: AnchorComparison | null;
  truncation: Truncation | null;
  /** Why the anchors could not be compared, when they could not. */
  anchorProblem: string | null;
}

const BATCH = 2000;
const hash12 = (hash: string) => `${hash.slice(0, 12)}…`;

export async function verifyAuditChain(
  tenantId: string | null,
  options: { store?: EvidenceStore } = {},
): Promise<ChainVerdict> {
  const walk = await walkChain(tenantId);
  const anchors = await compareWithNewestAnchor(tenantId, options.store ?? evidenceStore());
  return {
    ...walk,
    ...anchors,
    intact: walk.firstBroken === null && anchors.truncation === null && anchors.anchorProblem === null,
  };
}

async function walkChain(tenantId: string | null) {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let afterSeq = 0;
  let keyed = false;
  let legacyEntries = 0;
  const unchecked: UncheckedEntries[] = [];
  let firstBroken: BrokenEntry | null = null;
  outer: for (;;) {
    const batch = await systemDb.auditEntry.findMany({
      where: { tenantId, seq: { gt: afterSeq } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const entry of batch) {
      const broken = (reason: string) => {
        firstBroken = { id: entry.id.toString(), seq: entry.seq, reason };
      };
      if (entry.seq !== expectedSeq) {
        broken(`expected position ${expectedSeq}, found ${entry.seq}: an entry is missing`);
        break outer;
      }
      if (!sameHash(entry.prevHash, previousHash)) {
        broken("its link to the previous entry does not match");
        break outer;
      }
      const fields = { ...entry, details: entry.details };
      if (entry.keyId === null) {
        // Unkeyed entries are the chain's past, from before keyed chains: one after a keyed entry was forged.
        if (keyed) {
          broken("it carries no key, yet entries before it are keyed: it was not written by Certdesk");
          break outer;
        }
        if (!sameHash(legacyAuditEntryHash(fields), entry.hash)) {
          broken("its content was changed after it was written");
          break outer;
        }
        legacyEntries += 1;
      } else {
        keyed = true;
        const chainKey = auditChainKeyById(entry.keyId);
        if (!chainKey) {
          const last = unchecked[unchecked.length - 1];
          if (last && last.keyId === entry.keyId && last.toSeq === entry.seq - 1) last.toSeq = entry.seq;
          else unchecked.push({ keyId: entry.keyId, fromSeq: entry.seq, toSeq: entry.seq });
        } else if (!sameHash(keyedAuditEntryHash(fields, chainKey), entry.hash)) {
          broken("its content was changed after it was written, or it was written without the chain key");
          break outer;
        }
      }
      previousHash = entry.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (batch.length < BATCH) break;
    afterSeq = batch[batch.length - 1]!.seq;
  }
  return { entries: checked, firstBroken: firstBroken as BrokenEntry | null, legacyEntries, unchecked };
}

async function compareWithNewestAnchor(
  tenantId: string | null,
  store: EvidenceStore,
): Promise<{ anchor: AnchorComparison | null; truncation: Truncation | null; anchorProblem: string | null }> {
  const head = await systemDb.auditEntry.findFirst({
    where: { tenantId },
    orderBy: { seq: "desc" },
    select: { seq: true },
  });
  const headSeq = head?.seq ?? 0;
  let found;
  try {
    const key = await findNewestAnchorKey(store, tenantId, headSeq);
    const read = key ? await readAnchor(store, key, tenantId) : null;
    found = read ? { key: key!, ...read.anchor } : null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unknown error";
    return { anchor: null, truncation: null, anchorProblem: reason.replace(/\.$/, "") };
  }
  if (!found) return { anchor: null, truncation: null, anchorProblem: null };
  const anchor = { key: found.key, seq: found.seq, hash: found.hash, time: found.time };
  const named = `the newest anchor, written ${found.time}, names entry ${found.seq} with hash ${found.hash}`;
  if (found.seq > headSeq) {
    const missing =
      headSeq + 1 === found.seq ? `entry ${found.seq} is` : `entries ${headSeq + 1} to ${found.seq} are`;
    return {
      anchor,
      truncation: { fromSeq: headSeq + 1, toSeq: found.seq, message: `${missing} missing: ${named}` },
      anchorProblem: null,
    };
  }
  const entry = await systemDb.auditEntry.findFirst({
    where: { tenantId, seq: found.seq },
    select: { hash: true },
  });
  if (entry && !sameHash(entry.hash, found.hash))
    return {
      anchor,
      truncation: {
        fromSeq: found.seq,
        toSeq: found.seq,
        message: `entry ${found.seq} is not the anchored one (it holds hash ${hash12(entry.hash)}): ${named}. Entries were removed and others written in their place`,
      },
      anchorProblem: null,
    };
  return { anchor, truncation: null, anchorProblem: null };
}
