// GET /api/v1/claims/{id}/bundle: the claim's evidence bundle (a ZIP with its manifest and checksums), as the UI's.
import { downloadResponse } from "@/app/_auth/download-response";
import { withApiToken } from "@/app/_auth/with-api-token";
import { buildClaimBundle } from "@/lib/bundles/build-claim-bundle";

export const GET = withApiToken<{ id: string }>("claims:read", async (context, _request, { id }) =>
  downloadResponse(await buildClaimBundle(context, id)),
);
