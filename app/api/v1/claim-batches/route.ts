// POST /api/v1/claim-batches: a bulk claim from JSON rows (the bulk claim page's verb: each row checked, refused rows
// named with their reasons, good rows queued for the worker). Spends money: an Idempotency-Key is required.
import { logFailure, withApiToken } from "@/app/_auth/with-api-token";
import { idempotentResponse, readJsonBody } from "@/lib/api/api-request";
import { problemResponse } from "@/lib/api/problem";
import { claimBatchRequest } from "@/lib/api/schemas/claim-batches";
import { ACTION_BODY_LIMIT_BYTES } from "@/lib/claims/batch-limits";
import { createClaimBatch } from "@/lib/claims/create-claim-batch";

export const POST = withApiToken("claims:write", async (context, request) => {
  const body = await readJsonBody(request, claimBatchRequest, ACTION_BODY_LIMIT_BYTES);
  if (!body.ok) return problemResponse(body.problem);
  return idempotentResponse(
    context,
    request,
    "POST /claim-batches",
    body.data,
    async () => {
      const created = await createClaimBatch(context, {
        fileName: body.data.name,
        rows: body.data.rows,
        policyId: body.data.policyId,
      });
      return {
        status: 201,
        body: { id: created.batchId, accepted: created.accepted, refused: created.refused },
      };
    },
    (error) => logFailure("api batch", error),
  );
});
