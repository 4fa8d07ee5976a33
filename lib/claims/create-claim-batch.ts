// Bulk claims, step two: the checked file's good rows become queued Claim rows of a new batch, in one transaction
// with its audit entry, for the worker to claim (lib/jobs/process-claim-batch.ts). Its refusals are kept with the
// batch for its page and results CSV. On a TrustedForm 4.0 tenant each row records the version and its intent (what
// it will ask, the policy's rules) in `request`, so the worker needs nothing else to send it.
import { auditActor } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import type { BatchRow, RefusedRow } from "./batch-row";
import { checkBatchRows } from "./check-batch-rows";
import { getClaimSettings } from "./get-claim-settings";
import { MAX_CLAIM_CONCURRENCY, MIN_CLAIM_CONCURRENCY } from "./set-claim-concurrency";

export async function createClaimBatch(
  context: TenantContext,
  input: { fileName: string; rows: BatchRow[]; policyId?: string; concurrency?: number },
): Promise<{ batchId: string; accepted: number; refused: RefusedRow[] }> {
  const { accepted, refused, policy, apiVersion } = await checkBatchRows(context, input.rows, input.policyId);
  if (accepted.length === 0) throw new UserFacingError("No row of the file can be claimed; see the reasons.");
  // The tenant's setting (Settings > Scan policies > Claim settings), unless the caller sets it (benchmarks).
  const concurrency = Math.min(
    Math.max(input.concurrency ?? (await getClaimSettings(context)).concurrency, MIN_CLAIM_CONCURRENCY),
    MAX_CLAIM_CONCURRENCY,
  );
  const { actorId, actorEmail } = auditActor(context.actor);
  return context.transaction(
    async (tx) => {
      const batch = await tx.db.claimBatch.create({
        data: {
          fileName: input.fileName.slice(0, 200),
          totalRows: input.rows.length,
          acceptedRows: accepted.length,
          refused: refused as object[],
          concurrency,
          createdById: actorId,
          createdByEmail: actorEmail,
        },
      });
      await tx.db.claim.createMany({
        data: accepted.map((row) => ({
          batchId: batch.id,
          rowNumber: row.row,
          certId: row.certId,
          certUrl: row.url,
          vendor: row.vendor,
          reference: row.reference,
          emailFingerprint: row.emailFingerprint,
          phoneFingerprint: row.phoneFingerprint,
          policyId: policy?.id ?? null,
          policyName: policy?.name ?? null,
          requiredTerms: policy?.required ?? [],
          forbiddenTerms: policy?.forbidden ?? [],
          scanDelimiter: policy?.scanDelimiter ?? null,
          status: "queued" as const,
          ...(apiVersion === "4.0" && row.intent
            ? { apiVersion: "v4_0" as const, request: row.intent as unknown as object }
            : {}),
          createdById: actorId,
          createdByEmail: actorEmail,
        })),
      });
      await tx.audit(
        "claims.batch_created",
        { type: "claim_batch", id: batch.id },
        {
          fileName: input.fileName,
          total: input.rows.length,
          accepted: accepted.length,
          refused: refused.length,
          apiVersion,
        },
      );
      return { batchId: batch.id, accepted: accepted.length, refused };
    },
    { timeout: 60_000 },
  );
}
