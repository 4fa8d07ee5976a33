// A certification's evidence bundle (lib/bundles/build-certification-bundle.ts builds, names and audits it), streamed.
import { downloadResponse } from "@/app/_auth/download-response";
import { withMember } from "@/app/_auth/with-member";
import { buildCertificationBundle } from "@/lib/bundles/build-certification-bundle";

export const GET = withMember<{ id: string }>("viewer", async (ctx, _request, { id }) =>
  downloadResponse(await buildCertificationBundle(ctx, id)),
);
