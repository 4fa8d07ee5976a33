// A claim's evidence bundle (lib/bundles/build-claim-bundle.ts builds, names and audits it), streamed.
import { downloadResponse } from "@/app/_auth/download-response";
import { withMember } from "@/app/_auth/with-member";
import { buildClaimBundle } from "@/lib/bundles/build-claim-bundle";

export const GET = withMember<{ id: string }>("viewer", async (ctx, _request, { id }) =>
  downloadResponse(await buildClaimBundle(ctx, id)),
);
