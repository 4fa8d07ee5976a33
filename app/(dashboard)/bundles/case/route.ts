// A case's evidence bundle: the certifications and claims whose ids are given, in one ZIP
// (lib/bundles/build-case-bundle.ts). GET /bundles/case?ids=<id>,<id>&title=<name> (ids may also repeat), or POST the
// same as a form or as JSON { ids: [...], title } when the list is long.
import { downloadResponse } from "@/app/_auth/download-response";
import { withMember } from "@/app/_auth/with-member";
import { buildCaseBundle } from "@/lib/bundles/build-case-bundle";

const split = (values: string[]) => values.flatMap((value) => value.split(/[\s,]+/)).filter(Boolean);

export const GET = withMember("viewer", async (ctx, request) => {
  const search = new URL(request.url).searchParams;
  const title = search.get("title") ?? undefined;
  return downloadResponse(await buildCaseBundle(ctx, { ids: split(search.getAll("ids")), title }));
});

/** Ids of 50 items fit in a few kilobytes: a larger body is refused unread. */
const MAX_BODY = 64 * 1024;

export const POST = withMember("viewer", async (ctx, request) => {
  const length = Number(request.headers.get("content-length") ?? NaN);
  if (!Number.isFinite(length) || length > MAX_BODY)
    return new Response("Send the ids in a body of at most 64 KB, with its length.", { status: 413 });
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) {
    const body = (await request.json().catch(() => null)) as { ids?: unknown; title?: unknown } | null;
    const ids = Array.isArray(body?.ids) ? body.ids.filter((id): id is string => typeof id === "string") : [];
    const title = typeof body?.title === "string" ? body.title : undefined;
    return downloadResponse(await buildCaseBundle(ctx, { ids, title }));
  }
  const form = await request.formData().catch(() => null);
  const ids = split((form?.getAll("ids") ?? []).filter((id): id is string => typeof id === "string"));
  const title = form?.get("title");
  return downloadResponse(
    await buildCaseBundle(ctx, { ids, title: typeof title === "string" ? title : undefined }),
  );
});
