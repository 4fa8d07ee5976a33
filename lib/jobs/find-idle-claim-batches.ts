// Job discovery across tenants: running batches with rows still to claim whose tenant's claim lock nobody holds.
// Nobody is working them (they are new, or their worker died), so the sweep enqueues them at once.
import { systemDb } from "@/lib/db/client";
import { tenantsWithoutClaimWorker } from "./tenant-claim-lock";

export async function findIdleClaimBatches(): Promise<string[]> {
  const waiting = await systemDb.$queryRaw<Array<{ id: string; tenantId: string }>>`
    select b.id, b."tenantId" from "ClaimBatch" b
    where b.status = 'running'
      and exists (select 1 from "Claim" c where c."batchId" = b.id and c.status in ('queued', 'sending'))`;
  const free = await tenantsWithoutClaimWorker(waiting.map((batch) => batch.tenantId));
  return waiting.filter((batch) => free.has(batch.tenantId)).map((batch) => batch.id);
}
