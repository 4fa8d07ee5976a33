// GET /api/v1/certifications/{id}/bundle: the certification's evidence bundle (ZIP), as the UI's.
import { downloadResponse } from "@/app/_auth/download-response";
import { withApiToken } from "@/app/_auth/with-api-token";
import { buildCertificationBundle } from "@/lib/bundles/build-certification-bundle";

export const GET = withApiToken<{ id: string }>("certifications:read", async (context, _request, { id }) =>
  downloadResponse(await buildCertificationBundle(context, id)),
);
