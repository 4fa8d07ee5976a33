// Anchors every audit chain whose head moved since this process last anchored it (the worker runs it every
// AUDIT_ANCHOR_SECONDS). Appends happen inside the transactions of the changes they record, so anchoring reads the
// heads after they committed, from the database, rather than at the moment of appending. Several workers may anchor
// the same head: the object is created once and an identical head found there is fine; a different one is a
// contradiction between the database and the storage, reported (and never overwritten).
import { systemDb } from "@/lib/db/client";
import { evidenceStore, type EvidenceStore } from "@/lib/evidence/evidence-store";
import { forEachLimited } from "@/lib/for-each-limited";
import { anchorBytes, anchorKey, readAnchor, type AuditAnchor } from "./audit-anchors";

export interface AuditHead {
  tenantId: string | null;
  seq: number;
  hash: string;
  keyId: string | null;
}

/** The newest entry of every chain: one index lookup per tenant, and the system chain. */
export async function listAuditHeads(): Promise<AuditHead[]> {
  return systemDb.$queryRaw<AuditHead[]>`
    select t.id::text as "tenantId", h.seq, h.hash, h."keyId"
    from "Tenant" t
    cross join lateral (
      select seq, hash, "keyId" from "AuditEntry" e where e."tenantId" = t.id order by seq desc limit 1
    ) h
    union all
    (select null, seq, hash, "keyId" from "AuditEntry" where "tenantId" is null order by seq desc limit 1)`;
}

export type AnchorOutcome = "created" | "exists" | "conflict";

/** Writes the anchor of one head unless an identical one is there; "conflict" when a different one is. */
export async function anchorAuditHead(
  store: EvidenceStore,
  head: AuditHead,
  now: Date = new Date(),
): Promise<AnchorOutcome> {
  const key = anchorKey(head.tenantId, head.seq);
  const anchor: AuditAnchor = {
    tenant: head.tenantId,
    seq: head.seq,
    hash: head.hash,
    keyId: head.keyId,
    time: now.toISOString(),
  };
  if ((await store.putIfAbsent(key, anchorBytes(anchor), "application/json")) === "created") return "created";
  // Another worker anchored this head first (at another time): the same head is fine.
  const existing = await readAnchor(store, key, head.tenantId).catch(() => null);
  const same = existing?.anchor.hash === head.hash && existing.anchor.keyId === head.keyId;
  return same ? "exists" : "conflict";
}

export interface AnchorRun {
  written: number;
  conflicts: AuditHead[];
}

/**
 * One anchoring pass. `anchored` remembers, per chain, the head this process last anchored, so that an unchanged
 * chain costs nothing; a new process starts empty and finds most heads anchored already ("exists").
 */
export async function anchorAuditHeads(
  options: { store?: EvidenceStore; anchored?: Map<string, string> } = {},
): Promise<AnchorRun> {
  const store = options.store ?? evidenceStore();
  const anchored = options.anchored ?? new Map<string, string>();
  const run: AnchorRun = { written: 0, conflicts: [] };
  const moved = (await listAuditHeads()).filter(
    (head) => anchored.get(head.tenantId ?? "system") !== `${head.seq}:${head.hash}`,
  );
  await forEachLimited(moved, 8, async (head) => {
    const outcome = await anchorAuditHead(store, head);
    if (outcome === "created") run.written += 1;
    if (outcome === "conflict") run.conflicts.push(head);
    anchored.set(head.tenantId ?? "system", `${head.seq}:${head.hash}`);
  });
  return run;
}
