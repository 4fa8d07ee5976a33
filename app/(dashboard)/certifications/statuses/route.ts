// Current statuses of some certifications, for the live list and detail page (TanStack Query polls this).
import { withMember } from "@/app/_auth/with-member";
import { getCertificationStatuses } from "@/lib/certifications/get-certification-statuses";

export const GET = withMember("viewer", async (ctx, request) => {
  const ids = (new URL(request.url).searchParams.get("ids") ?? "").split(",").filter(Boolean);
  return Response.json(await getCertificationStatuses(ctx, ids), {
    headers: { "cache-control": "no-store" },
  });
});
