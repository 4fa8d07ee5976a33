// "Pending work": what is still open in the tenant right now, whatever the date range or vendor: claims whose answer
// was lost or that are being sent or wait in a batch, bulk batches running, certifications not settled yet, and
// completed certifications whose artifacts are not archived yet. Claims are counted from ClaimDailyCount's
// "status" counts (every day), the rest from their tables.
import type { TenantContext } from "@/lib/core/tenant-context";

export interface PendingWork {
  claimsUnknown: number;
  /** Queued in a batch or being sent now (one count: a take from the queue changes no counted fact). */
  claimsWaiting: number;
  batchesRunning: number;
  certificationsUploading: number;
  certificationsPending: number;
  /** creating or unknown: the create call's answer is awaited or was lost. */
  certificationsUnsettled: number;
  certificationsUnarchived: number;
}

export async function getPendingWork(ctx: TenantContext): Promise<PendingWork> {
  const [row] = await ctx.db.$queryRaw<Array<Record<keyof PendingWork, number>>>`
    SELECT
      (SELECT coalesce(sum(count), 0) FROM "ClaimDailyCount" WHERE "tenantId" = ${ctx.tenantId}::uuid AND metric = 'status' AND label = 'unknown')::int AS "claimsUnknown",
      (SELECT coalesce(sum(count), 0) FROM "ClaimDailyCount" WHERE "tenantId" = ${ctx.tenantId}::uuid AND metric = 'status' AND label = 'waiting')::int AS "claimsWaiting",
      (SELECT count(*) FROM "ClaimBatch" WHERE "tenantId" = ${ctx.tenantId}::uuid AND status = 'running')::int AS "batchesRunning",
      (SELECT count(*) FROM "Certification" WHERE "tenantId" = ${ctx.tenantId}::uuid AND status = 'uploading')::int AS "certificationsUploading",
      (SELECT count(*) FROM "Certification" WHERE "tenantId" = ${ctx.tenantId}::uuid AND status = 'pending')::int AS "certificationsPending",
      (SELECT count(*) FROM "Certification" WHERE "tenantId" = ${ctx.tenantId}::uuid AND status IN ('creating', 'unknown'))::int AS "certificationsUnsettled",
      (SELECT count(*) FROM "Certification" WHERE "tenantId" = ${ctx.tenantId}::uuid AND status = 'completed' AND "archivedAt" IS NULL)::int AS "certificationsUnarchived"`;
  return Object.fromEntries(
    Object.entries(row ?? {}).map(([key, value]) => [key, Number(value)]),
  ) as unknown as PendingWork;
}
