"use server";

import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { MAX_BATCH_ROWS } from "@/lib/claims/batch-limits";
import { batchRow } from "@/lib/claims/batch-row";
import { checkBatchRows } from "@/lib/claims/check-batch-rows";
import { createClaimBatch } from "@/lib/claims/create-claim-batch";

const rows = z
  .array(batchRow)
  .min(1, "The file has no data rows.")
  .max(MAX_BATCH_ROWS, `A batch holds at most ${MAX_BATCH_ROWS} rows; split the file.`);

/** What would be claimed (and billed) and what is refused, without writing or sending anything. */
export async function checkBatchAction(input: { rows: z.infer<typeof rows>; policyId?: string }) {
  const schema = z.object({ rows, policyId: z.string().max(64).optional() });
  return runAction("reviewer", schema, input, async (member, data) => {
    const { accepted, refused } = await checkBatchRows(member, data.rows, data.policyId || undefined);
    return { accepted: accepted.length, refused };
  });
}

export async function createBatchAction(input: {
  fileName: string;
  rows: z.infer<typeof rows>;
  policyId?: string;
}) {
  const schema = z.object({ fileName: z.string().max(200), rows, policyId: z.string().max(64).optional() });
  return runAction("reviewer", schema, input, async (member, data) => {
    const created = await createClaimBatch(member, {
      fileName: data.fileName,
      rows: data.rows,
      policyId: data.policyId || undefined,
    });
    return { batchId: created.batchId };
  });
}
