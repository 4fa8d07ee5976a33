// Downloads an artifact of a certification (lib/certifications/download-artifact.ts decides and audits): the archived
// bytes with their recorded SHA-256 (a byte range when asked, so large media resumes), or a redirect to TrueScreen's
// fresh URL before archiving completes.
import { storedArtifactResponse, unsatisfiableRangeHeaders } from "@/app/_auth/artifact-response";
import { withMember } from "@/app/_auth/with-member";
import { downloadArtifact } from "@/lib/certifications/download-artifact";

export const GET = withMember<{ id: string }>("viewer", async (ctx, request, { id }) => {
  const search = new URL(request.url).searchParams;
  const answer = await downloadArtifact(ctx, id, {
    type: search.get("type") ?? "",
    position: Number(search.get("n") ?? "0"),
    range: request.headers.get("range"),
    ifRange: request.headers.get("if-range"),
  });
  if (answer.kind === "refused") return new Response(answer.message, { status: answer.status });
  if (answer.kind === "unsatisfiable")
    return new Response("The requested byte range is past the end of the file.", {
      status: 416,
      headers: unsatisfiableRangeHeaders(answer.size),
    });
  if (answer.kind === "redirect")
    return new Response(null, {
      status: 303,
      headers: { location: answer.url.toString(), "cache-control": "no-store" },
    });
  return storedArtifactResponse(answer);
});
