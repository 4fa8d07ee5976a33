// Marks a bulk claim batch completed once none of its rows is queued or still sending, with an audit entry that
// counts its outcomes (read as the "batch.finished" event by notices and webhooks). Answers whether it is complete.
import type { TenantContext } from "@/lib/core/tenant-context";

export async function completeClaimBatch(context: TenantContext, batchId: string): Promise<boolean> {
  return context.transaction(async (tx) => {
    const left = await tx.db.claim.count({ where: { batchId, status: { in: ["queued", "sending"] } } });
    if (left > 0) return false;
    const marked = await tx.db.claimBatch.updateMany({
      where: { id: batchId, status: "running" },
      data: { status: "completed", finishedAt: new Date() },
    });
    // Only the run that marked it writes the entry: a second worker finding it completed writes nothing.
    if (marked.count === 1) {
      const outcomes = await tx.db.claim.groupBy({
        by: ["status"],
        where: { batchId },
        _count: { _all: true },
      });
      const count = (status: string) => outcomes.find((row) => row.status === status)?._count._all ?? 0;
      await tx.audit(
        "claims.batch_completed",
        { type: "claim_batch", id: batchId },
        {
          rows: outcomes.reduce((sum, row) => sum + row._count._all, 0),
          claimed: count("claimed"),
          failed: count("failed"),
          unknown: count("unknown"),
        },
      );
    }
    return true;
  });
}
