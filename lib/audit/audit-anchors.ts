// Anchors: the head of each audit chain (tenant, position, hash, key id, time), written by the worker to evidence
// storage outside the database as one object per head, `audit-anchors/<tenant id or "system">/<position>.json`,
// never overwritten. Someone who can change the database but not the evidence storage can then no longer delete the
// newest entries unnoticed: the newest anchor names an entry the chain no longer has, or a hash it no longer holds.
import type { EvidenceStore } from "@/lib/evidence/evidence-store";

export interface AuditAnchor {
  tenant: string | null;
  seq: number;
  hash: string;
  keyId: string | null;
  /** When the anchor was written (ISO 8601, UTC). */
  time: string;
}

const SEQ_DIGITS = 10; // AuditEntry.seq is a 32-bit integer: at most 10 digits, so keys sort as numbers do
const ANCHOR_NAME = /^(\d{10})\.json$/;

export function anchorFolder(tenantId: string | null): string {
  return `audit-anchors/${tenantId ?? "system"}/`;
}

export function anchorKey(tenantId: string | null, seq: number): string {
  return `${anchorFolder(tenantId)}${String(seq).padStart(SEQ_DIGITS, "0")}.json`;
}

/** The anchor's bytes: one JSON object with its fields in a fixed order, and a newline. */
export function anchorBytes(anchor: AuditAnchor): Buffer {
  const { tenant, seq, hash, keyId, time } = anchor;
  return Buffer.from(JSON.stringify({ tenant, seq, hash, keyId, time }) + "\n", "utf8");
}

export class MalformedAnchorError extends Error {
  constructor(key: string) {
    super(`The audit anchor ${key} cannot be read: it is not an anchor Certdesk wrote.`);
    this.name = "MalformedAnchorError";
  }
}

export function parseAnchor(key: string, bytes: Buffer, tenantId: string | null): AuditAnchor {
  let value: Partial<AuditAnchor>;
  try {
    value = JSON.parse(bytes.toString("utf8")) as Partial<AuditAnchor>;
  } catch {
    throw new MalformedAnchorError(key);
  }
  const valid =
    value !== null &&
    typeof value === "object" &&
    value.tenant === tenantId &&
    Number.isInteger(value.seq) &&
    key === anchorKey(tenantId, value.seq!) &&
    typeof value.hash === "string" &&
    /^[0-9a-f]{64}$/.test(value.hash) &&
    (value.keyId === null || typeof value.keyId === "string") &&
    typeof value.time === "string" &&
    !Number.isNaN(Date.parse(value.time));
  if (!valid) throw new MalformedAnchorError(key);
  return value as AuditAnchor;
}

/** The anchor stored under `key` with its exact bytes, or null when there is none. */
export async function readAnchor(
  store: EvidenceStore,
  key: string,
  tenantId: string | null,
): Promise<{ anchor: AuditAnchor; bytes: Buffer } | null> {
  const body = await store.get(key);
  if (!body) return null;
  const bytes = Buffer.from(await new Response(body).arrayBuffer());
  return { anchor: parseAnchor(key, bytes, tenantId), bytes };
}

function newestOf(keys: string[], folder: string): string | null {
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    if (key.startsWith(folder) && ANCHOR_NAME.test(key.slice(folder.length))) return key;
  }
  return null;
}

/**
 * The key of the chain's newest anchor, or null when it has none. `headSeq` (the chain's newest position in the
 * database) only bounds the search: anchors at or after it are listed first (any of them beyond it is evidence of a
 * truncation); otherwise the newest anchor is usually a few entries back, so windows below it are listed, growing
 * eight times each, instead of every anchor the chain ever had.
 */
export async function findNewestAnchorKey(
  store: EvidenceStore,
  tenantId: string | null,
  headSeq: number,
): Promise<string | null> {
  const folder = anchorFolder(tenantId);
  const atOrAfterHead = await store.listKeys(
    folder,
    headSeq > 0 ? { startAfter: anchorKey(tenantId, headSeq - 1) } : {},
  );
  const found = newestOf(atOrAfterHead, folder);
  if (found || headSeq <= 1) return found;
  // No anchor at or after the head: look at positions [lower + 1, upper - 1], from the head down.
  let upper = headSeq;
  for (let span = 64; upper > 1; span *= 8) {
    const lower = Math.max(0, upper - span);
    const window = newestOf(await store.listKeys(folder, { startAfter: anchorKey(tenantId, lower) }), folder);
    if (window) return window;
    upper = lower + 1;
  }
  return null;
}
