// Recovery of a tenant's batch rows left "sending" by a dead worker. The caller holds the tenant's claim lock, so
// every such row is an orphan: no request for it is under way. Each row is recovered in a context acting for its
// creator (lib/claims/recover-sending-claim.ts).
import { recoverSendingClaim } from "@/lib/claims/recover-sending-claim";
import { systemDb } from "@/lib/db/client";
import { forEachLimited } from "@/lib/for-each-limited";
import { claimWorkerContext } from "./claim-worker-context";

/** The fields recovery needs of a row "sending", in any tenant (the sweep's single claims use them too). */
export const SENDING_CLAIM_FIELDS = {
  id: true,
  tenantId: true,
  certId: true,
  certUrl: true,
  batchId: true,
  emailFingerprint: true,
  phoneFingerprint: true,
  apiVersion: true,
  createdById: true,
  createdByEmail: true,
} as const;

export async function recoverOrphanedClaimRows(tenantId: string): Promise<void> {
  for (;;) {
    const rows = await systemDb.claim.findMany({
      where: { tenantId, status: "sending", batchId: { not: null } },
      select: SENDING_CLAIM_FIELDS,
      take: 200,
    });
    if (!rows.length) return;
    await forEachLimited(rows, 16, (row) => recoverSendingClaim(claimWorkerContext(row.tenantId, row), row));
    const left = await systemDb.claim.count({
      where: { tenantId, id: { in: rows.map((r) => r.id) }, status: "sending" },
    });
    if (left === rows.length) return; // TrustedForm is not answering: the next sweep tries again
  }
}
