// A bulk claim job: finds the batch's tenant, opens the worker's context for it (acting for the batch's creator),
// and, holding the tenant's claim lock, first recovers rows a dead worker left "sending", then claims the queued
// rows (lib/claims/claim-batch-rows.ts) and completes the batch when nothing is left.
import { completeClaimBatch } from "@/lib/claims/complete-claim-batch";
import { claimBatchRows } from "@/lib/claims/claim-batch-rows";
import { systemDb } from "@/lib/db/client";
import { claimWorkerContext } from "./claim-worker-context";
import { recoverOrphanedClaimRows } from "./recover-orphaned-claim-rows";
import { withTenantClaimLock } from "./tenant-claim-lock";

/** `draining`: the worker is stopping (claim-batch-rows.ts finishes what is in flight and takes nothing more). */
export async function processClaimBatch(
  batchId: string,
  draining?: AbortSignal,
): Promise<{ processed: number; completed: boolean }> {
  // Job discovery: the job names only its batch; the batch names its tenant.
  const batch = await systemDb.claimBatch.findUnique({
    where: { id: batchId },
    select: {
      id: true,
      tenantId: true,
      status: true,
      concurrency: true,
      createdById: true,
      createdByEmail: true,
    },
  });
  if (!batch || batch.status === "completed") return { processed: 0, completed: true };
  const context = claimWorkerContext(batch.tenantId, batch);
  return withTenantClaimLock(batch.tenantId, async () => {
    // We hold the tenant's claim lock: any of its batch rows still "sending" belong to a worker that died.
    await recoverOrphanedClaimRows(batch.tenantId);
    const processed = await claimBatchRows(context, batch, draining);
    return { processed, completed: await completeClaimBatch(context, batch.id) };
  });
}
