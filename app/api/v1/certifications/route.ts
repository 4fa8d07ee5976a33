// POST /api/v1/certifications certifies files by their SHA-256 digests (spends TrueScreen credits: an
// Idempotency-Key is required); GET lists the tenant's certifications (status and text filters, cursor pagination).
import { logFailure, withApiToken } from "@/app/_auth/with-api-token";
import { idempotentResponse, jsonResponse, readJsonBody, readQuery } from "@/lib/api/api-request";
import { problemResponse } from "@/lib/api/problem";
import {
  certificationListQuery,
  certifyHashesRequest,
  toCertificationSummary,
} from "@/lib/api/schemas/certifications";
import { certifyHashes } from "@/lib/certifications/certify-hashes";
import { decodeCursor, listCertifications } from "@/lib/certifications/list-certifications";

// A thousand files' names and digests fit well under this.
const BODY_LIMIT = 2 * 1024 * 1024;

export const POST = withApiToken("certifications:write", async (context, request) => {
  const body = await readJsonBody(request, certifyHashesRequest, BODY_LIMIT);
  if (!body.ok) return problemResponse(body.problem);
  return idempotentResponse(
    context,
    request,
    "POST /certifications",
    body.data,
    async () => {
      const created = await certifyHashes(context, body.data);
      return {
        status: 201,
        body: { id: created.id, status: created.status, message: created.message ?? null },
      };
    },
    (error) => logFailure("api certification", error),
  );
});

export const GET = withApiToken("certifications:read", async (context, request) => {
  const query = readQuery(request, certificationListQuery);
  if (!query.ok) return problemResponse(query.problem);
  const { cursor, limit, ...filters } = query.data;
  const page = await listCertifications(context, filters, decodeCursor(cursor), limit);
  return jsonResponse(200, { data: page.rows.map(toCertificationSummary), next: page.next });
});
