// Job discovery across tenants: running batches none of whose rows is queued or sending any more (their last rows
// were settled by recovery, not by a worker's run) are completed, each in its tenant's context.
import { completeClaimBatch } from "@/lib/claims/complete-claim-batch";
import { systemDb } from "@/lib/db/client";
import { claimWorkerContext } from "./claim-worker-context";

export async function completeFinishedClaimBatches(): Promise<void> {
  const finished = await systemDb.$queryRaw<
    Array<{ id: string; tenantId: string; createdById: string | null; createdByEmail: string | null }>
  >`
    select b.id, b."tenantId", b."createdById", b."createdByEmail" from "ClaimBatch" b
    where b.status = 'running'
      and not exists (select 1 from "Claim" c where c."batchId" = b.id and c.status in ('queued', 'sending'))`;
  for (const batch of finished) await completeClaimBatch(claimWorkerContext(batch.tenantId, batch), batch.id);
}
