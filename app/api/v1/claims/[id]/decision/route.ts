// POST /api/v1/claims/{id}/decision: accept or reject a claimed certificate (the review desk's verb), recorded
// under the token's name. Deciding twice is allowed as in the UI (the last decision stands, each one audited). The
// answer is the decision alone: the claim's facts need claims:read (GET /api/v1/claims/{id}).
import { withApiToken } from "@/app/_auth/with-api-token";
import { jsonResponse, readJsonBody } from "@/lib/api/api-request";
import { problemResponse } from "@/lib/api/problem";
import { decisionRequest, toDecisionResult } from "@/lib/api/schemas/claims";
import { decideClaim } from "@/lib/claims/decide-claim";
import { getClaim } from "@/lib/claims/get-claim";

export const POST = withApiToken<{ id: string }>("decisions:write", async (context, request, { id }) => {
  const body = await readJsonBody(request, decisionRequest);
  if (!body.ok) return problemResponse(body.problem);
  await decideClaim(context, { claimId: id, ...body.data });
  return jsonResponse(200, toDecisionResult((await getClaim(context, id))!));
});
