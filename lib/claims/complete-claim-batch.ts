// Marks a bulk claim batch completed once none of its rows is queued or still sending. Answers whether it is.
import type { TenantContext } from "@/lib/core/tenant-context";

export async function completeClaimBatch(context: TenantContext, batchId: string): Promise<boolean> {
  const { db } = context;
  const left = await db.claim.count({ where: { batchId, status: { in: ["queued", "sending"] } } });
  if (left > 0) return false;
  await db.claimBatch.updateMany({
    where: { id: batchId, status: "running" },
    data: { status: "completed", finishedAt: new Date() },
  });
  return true;
}
