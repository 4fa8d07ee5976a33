// The claims worker's sweep, across tenants. Batch rows left "sending" while nobody holds their tenant's claim lock
// belong to a dead worker: recovered at once. Single claims (no lock) left "sending" longer than any request could
// take: recovered too. Batches whose last rows recovery settled are completed. Returns the batches that have work
// and nobody working them, for the caller to enqueue.
import { recoverSendingClaim } from "@/lib/claims/recover-sending-claim";
import { systemDb } from "@/lib/db/client";
import { claimWorkerContext } from "./claim-worker-context";
import { completeFinishedClaimBatches } from "./complete-finished-claim-batches";
import { findIdleClaimBatches } from "./find-idle-claim-batches";
import { recoverOrphanedClaimRows, SENDING_CLAIM_FIELDS } from "./recover-orphaned-claim-rows";
import { TenantBusyError, withTenantClaimLock } from "./tenant-claim-lock";

/** A row left "sending" longer than the longest request (30 s) plus a margin belongs to a worker that died. */
export const STALE_SENDING_SECONDS = 45;

export async function recoverStaleClaims(staleSeconds = STALE_SENDING_SECONDS): Promise<string[]> {
  const orphanTenants = await systemDb.$queryRaw<Array<{ tenantId: string }>>`
    select distinct "tenantId" from "Claim" where status = 'sending' and "batchId" is not null`;
  for (const { tenantId } of orphanTenants) {
    // A tenant whose lock is held has a live worker: its rows are its own to settle.
    await withTenantClaimLock(tenantId, () => recoverOrphanedClaimRows(tenantId)).catch((error: unknown) => {
      if (!(error instanceof TenantBusyError)) throw error;
    });
  }
  const staleSince = new Date(Date.now() - staleSeconds * 1000);
  const stale = await systemDb.claim.findMany({
    where: {
      status: "sending",
      batchId: null,
      OR: [{ lockedAt: { lt: staleSince } }, { lockedAt: null, createdAt: { lt: staleSince } }],
    },
    select: SENDING_CLAIM_FIELDS,
    take: 1000,
  });
  for (const row of stale) await recoverSendingClaim(claimWorkerContext(row.tenantId, row), row);
  const idle = await findIdleClaimBatches();
  await completeFinishedClaimBatches();
  return idle;
}
