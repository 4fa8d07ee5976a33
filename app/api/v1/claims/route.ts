// POST /api/v1/claims claims one certificate (the claim form's verb, its money rules and an Idempotency-Key);
// GET lists claims with the claims page's filters and cursor pagination.
import { errorResponse, logFailure, withApiToken } from "@/app/_auth/with-api-token";
import { idempotentResponse, jsonResponse, readJsonBody, readQuery } from "@/lib/api/api-request";
import { problemResponse } from "@/lib/api/problem";
import { claimCreateRequest, claimListQuery, toClaimDetail, toClaimSummary } from "@/lib/api/schemas/claims";
import { claimFilters } from "@/lib/claims/claim-filters";
import { claimOne } from "@/lib/claims/claim-one";
import { presentClaim } from "@/lib/claims/get-claim";
import { readClaimRow, readClaimSetup } from "@/lib/claims/claim-one-sql";
import { decodeCursor, listClaims } from "@/lib/claims/list-claims";

export const POST = withApiToken("claims:write", async (context, request) => {
  const body = await readJsonBody(request, claimCreateRequest);
  if (!body.ok) return problemResponse(body.problem);
  // The claim's setup is read while the Idempotency-Key is inserted: two round trips at once (a replay wastes a read).
  const setup = readClaimSetup(context);
  setup.catch(() => undefined);
  return idempotentResponse(
    context,
    request,
    "POST /claims",
    body.data,
    async () => {
      const { claimId, claim } = await claimOne(context, body.data, { setup });
      // The settled row as its settlement returned it (else read anew), shown as getClaim shows it.
      const row = claim ?? (await readClaimRow(context, claimId));
      return { status: 201, body: toClaimDetail(presentClaim(row!)) };
    },
    (error) => logFailure("api claim", error),
  );
});

export const GET = withApiToken("claims:read", async (context, request) => {
  const query = readQuery(request, claimListQuery);
  if (!query.ok) return problemResponse(query.problem);
  const { cursor, limit, ...filters } = query.data;
  try {
    const page = await listClaims(context, claimFilters.parse(filters), decodeCursor(cursor), limit);
    return jsonResponse(200, { data: page.rows.map(toClaimSummary), next: page.next });
  } catch (error) {
    return errorResponse(error);
  }
});
