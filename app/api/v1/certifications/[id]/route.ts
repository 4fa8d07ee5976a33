// GET /api/v1/certifications/{id}: one certification with its files and archived artifacts.
import { withApiToken } from "@/app/_auth/with-api-token";
import { jsonResponse } from "@/lib/api/api-request";
import { problem, problemResponse } from "@/lib/api/problem";
import { toCertificationDetail } from "@/lib/api/schemas/certifications";
import { getCertificationDetail } from "@/lib/certifications/get-certification-detail";

export const GET = withApiToken<{ id: string }>("certifications:read", async (context, _request, { id }) => {
  const certification = await getCertificationDetail(context, id);
  if (!certification) return problemResponse(problem("not-found", "That certification was not found."));
  return jsonResponse(200, toCertificationDetail(certification));
});
