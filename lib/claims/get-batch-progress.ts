// A bulk claim batch of the tenant with its rows counted by state (and TrustedForm 4.0 rows by their policy verdict):
// for the batch page and its progress polling.
// Null for an id of another tenant, like a missing one.
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import type { RefusedRow } from "./batch-row";

export interface BatchProgress {
  id: string;
  fileName: string;
  status: "running" | "completed";
  totalRows: number;
  acceptedRows: number;
  refused: RefusedRow[];
  createdAt: Date;
  finishedAt: Date | null;
  createdByEmail: string | null;
  concurrency: number;
  counts: {
    queued: number;
    sending: number;
    success: number;
    failure: number;
    failed: number;
    unknown: number;
  };
  /** 4.0 claims by their policy's verdict (a recommendation; claims without rules have none). */
  verdicts: { pass: number; fail: number };
  done: number;
}

export async function getBatchProgress(
  context: TenantContext,
  batchId: string,
): Promise<BatchProgress | null> {
  if (!isUuid(batchId)) return null;
  const { db } = context;
  const batch = await db.claimBatch.findUnique({ where: { id: batchId } });
  if (!batch) return null;
  const groups = await db.claim.groupBy({
    by: ["status", "outcome", "verdict"],
    where: { batchId },
    _count: { _all: true },
  });
  const counts = { queued: 0, sending: 0, success: 0, failure: 0, failed: 0, unknown: 0 };
  const verdicts = { pass: 0, fail: 0 };
  for (const group of groups) {
    const n = group._count._all;
    if (group.verdict) verdicts[group.verdict] += n;
    // Claimed without a readable success (failure, `error`, or an answer Certdesk could not read) needs a look.
    if (group.status === "claimed") counts[group.outcome === "success" ? "success" : "failure"] += n;
    else counts[group.status] += n;
  }
  return {
    id: batch.id,
    fileName: batch.fileName,
    status: batch.status,
    totalRows: batch.totalRows,
    acceptedRows: batch.acceptedRows,
    refused: batch.refused as unknown as RefusedRow[],
    createdAt: batch.createdAt,
    finishedAt: batch.finishedAt,
    createdByEmail: batch.createdByEmail,
    concurrency: batch.concurrency,
    counts,
    verdicts,
    done: counts.success + counts.failure + counts.failed + counts.unknown,
  };
}
