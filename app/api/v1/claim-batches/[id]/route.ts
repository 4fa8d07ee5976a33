// GET /api/v1/claim-batches/{id}: a bulk claim's progress (rows by state, verdicts, refusals).
import { withApiToken } from "@/app/_auth/with-api-token";
import { jsonResponse } from "@/lib/api/api-request";
import { problem, problemResponse } from "@/lib/api/problem";
import { toClaimBatch } from "@/lib/api/schemas/claim-batches";
import { getBatchProgress } from "@/lib/claims/get-batch-progress";

export const GET = withApiToken<{ id: string }>("claims:read", async (context, _request, { id }) => {
  const batch = await getBatchProgress(context, id);
  if (!batch) return problemResponse(problem("not-found", "That claim batch was not found."));
  return jsonResponse(200, toClaimBatch(batch));
});
