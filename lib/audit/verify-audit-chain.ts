// Walks a tenant's chain in order and recomputes every hash. The first entry whose hash, link to the previous
// entry or position does not hold is named: everything before it is intact.
import { systemDb } from "@/lib/db/client";
import { auditEntryHash, GENESIS_HASH } from "./audit-hash";

export type ChainVerdict =
  | { intact: true; entries: number }
  | { intact: false; entries: number; firstBroken: { id: string; seq: number; reason: string } };

const BATCH = 2000;

export async function verifyAuditChain(tenantId: string | null): Promise<ChainVerdict> {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let afterSeq = 0;
  for (;;) {
    const batch = await systemDb.auditEntry.findMany({
      where: { tenantId, seq: { gt: afterSeq } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const entry of batch) {
      const broken = (reason: string): ChainVerdict => ({
        intact: false,
        entries: checked,
        firstBroken: { id: entry.id.toString(), seq: entry.seq, reason },
      });
      if (entry.seq !== expectedSeq)
        return broken(`expected position ${expectedSeq}, found ${entry.seq}: an entry is missing`);
      if (entry.prevHash !== previousHash) return broken("its link to the previous entry does not match");
      const recomputed = auditEntryHash({ ...entry, details: entry.details });
      if (recomputed !== entry.hash) return broken("its content was changed after it was written");
      previousHash = entry.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (batch.length < BATCH) break;
    afterSeq = batch[batch.length - 1]!.seq;
  }
  return { intact: true, entries: checked };
}
