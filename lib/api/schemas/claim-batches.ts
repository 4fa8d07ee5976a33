// Bulk claims through the public API: JSON rows instead of a CSV, checked and queued by the same verb as the bulk
// claim page (create-claim-batch.ts), then followed by id.
import { z } from "zod";
import { MAX_BATCH_ROWS } from "@/lib/claims/batch-limits";
import { batchRow } from "@/lib/claims/batch-row";
import type { BatchProgress } from "@/lib/claims/get-batch-progress";
import { iso, nullableTimestamp, timestamp } from "./common";

export const claimBatchRequest = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .default("API batch")
      .meta({ description: "Shown as the batch's file name." }),
    policyId: z.string().max(64).optional(),
    rows: z
      .array(batchRow)
      .min(1, "Send at least one row.")
      .max(MAX_BATCH_ROWS, `A batch holds at most ${MAX_BATCH_ROWS} rows; split it.`),
  })
  .meta({ id: "ClaimBatchRequest" });

const refusedRow = z.object({ row: z.number().int(), certUrl: z.string(), reason: z.string() });

export const claimBatchCreated = z
  .object({ id: z.string(), accepted: z.number().int(), refused: z.array(refusedRow) })
  .meta({ id: "ClaimBatchCreated" });

export const claimBatch = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(["running", "completed"]),
    totalRows: z.number().int(),
    acceptedRows: z.number().int(),
    refused: z.array(refusedRow),
    counts: z.object({
      queued: z.number().int(),
      sending: z.number().int(),
      success: z.number().int(),
      failure: z.number().int(),
      failed: z.number().int(),
      unknown: z.number().int(),
    }),
    verdicts: z.object({ pass: z.number().int(), fail: z.number().int() }),
    done: z.number().int(),
    createdBy: z.string().nullable(),
    createdAt: timestamp,
    finishedAt: nullableTimestamp,
    claims: z.string().meta({ description: "Where to list the batch's claims." }),
  })
  .meta({ id: "ClaimBatch" });

export function toClaimBatch(batch: BatchProgress): z.infer<typeof claimBatch> {
  return {
    id: batch.id,
    name: batch.fileName,
    status: batch.status,
    totalRows: batch.totalRows,
    acceptedRows: batch.acceptedRows,
    refused: batch.refused,
    counts: batch.counts,
    verdicts: batch.verdicts,
    done: batch.done,
    createdBy: batch.createdByEmail,
    createdAt: iso(batch.createdAt),
    finishedAt: iso(batch.finishedAt),
    claims: `/api/v1/claims?batch=${batch.id}`,
  };
}
