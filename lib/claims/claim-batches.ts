// Reading batches: progress and results, always within the session's tenant.
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import { isUuid } from "@/lib/core/ids";
import type { RefusedRow } from "./create-claim-batch";

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
  done: number;
}

export async function getBatchProgress(scope: TenantScope, batchId: string): Promise<BatchProgress | null> {
  if (!isUuid(batchId)) return null;
  const db = tenantDb(scope);
  const batch = await db.claimBatch.findUnique({ where: { id: batchId } });
  if (!batch) return null;
  const groups = await db.claim.groupBy({
    by: ["status", "outcome"],
    where: { batchId },
    _count: { _all: true },
  });
  const counts = { queued: 0, sending: 0, success: 0, failure: 0, failed: 0, unknown: 0 };
  for (const group of groups) {
    const n = group._count._all;
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
    done: counts.success + counts.failure + counts.failed + counts.unknown,
  };
}

export async function listBatches(scope: TenantScope, limit = 50) {
  return tenantDb(scope).claimBatch.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      fileName: true,
      status: true,
      totalRows: true,
      acceptedRows: true,
      createdAt: true,
      createdByEmail: true,
    },
  });
}

/** Every row of a batch, accepted and refused, in file order, for the result CSV. */
export async function batchResultRows(scope: TenantScope, batchId: string) {
  const progress = await getBatchProgress(scope, batchId);
  if (!progress) return null;
  const claims = await tenantDb(scope).claim.findMany({
    where: { batchId },
    orderBy: { rowNumber: "asc" },
    select: {
      rowNumber: true,
      id: true,
      certUrl: true,
      reference: true,
      vendor: true,
      status: true,
      outcome: true,
      requiredFound: true,
      requiredTotal: true,
      forbiddenFound: true,
      fingerprintMatch: true,
      warnings: true,
      errorMessage: true,
    },
  });
  const rows = [
    ...claims.map((c) => ({
      row: c.rowNumber ?? 0,
      certUrl: c.certUrl,
      claimId: c.id,
      reference: c.reference,
      vendor: c.vendor,
      result: c.status === "claimed" ? (c.outcome ?? "claimed") : c.status,
      required: c.status === "claimed" ? `${c.requiredFound}/${c.requiredTotal}` : "",
      forbiddenFound: c.status === "claimed" ? c.forbiddenFound : "",
      fingerprintMatch: c.fingerprintMatch,
      warnings: c.warnings.join("; "),
      reason: c.errorMessage ?? "",
    })),
    ...progress.refused.map((r) => ({
      row: r.row,
      certUrl: r.certUrl,
      claimId: "",
      reference: "",
      vendor: "",
      result: "refused",
      required: "",
      forbiddenFound: "",
      fingerprintMatch: null,
      warnings: "",
      reason: r.reason,
    })),
  ];
  return rows.sort((a, b) => a.row - b.row);
}
