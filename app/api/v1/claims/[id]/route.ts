// GET /api/v1/claims/{id}: one claim of the token's tenant (another tenant's id is not found, like a missing one).
import { withApiToken } from "@/app/_auth/with-api-token";
import { jsonResponse } from "@/lib/api/api-request";
import { problem, problemResponse } from "@/lib/api/problem";
import { toClaimDetail } from "@/lib/api/schemas/claims";
import { getClaim } from "@/lib/claims/get-claim";

export const GET = withApiToken<{ id: string }>("claims:read", async (context, _request, { id }) => {
  const claim = await getClaim(context, id);
  if (!claim) return problemResponse(problem("not-found", "That claim was not found."));
  return jsonResponse(200, toClaimDetail(claim));
});
