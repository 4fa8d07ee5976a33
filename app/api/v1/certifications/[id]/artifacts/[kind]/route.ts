// GET /api/v1/certifications/{id}/artifacts/{kind}?position=n: an artifact (data, report, xml, media) from evidence
// storage with its recorded SHA-256 in X-Content-SHA256 (a byte range when a Range header asks), or, before archiving, a redirect to TrueScreen's fresh
// 60-second URL. Every download is audited by the verb.
import { storedArtifactResponse, unsatisfiableRangeHeaders } from "@/app/_auth/artifact-response";
import { withApiToken } from "@/app/_auth/with-api-token";
import { readQuery } from "@/lib/api/api-request";
import { problem, problemResponse, type ProblemKind } from "@/lib/api/problem";
import { artifactQuery } from "@/lib/api/schemas/certifications";
import { downloadArtifact } from "@/lib/certifications/download-artifact";

const KIND_OF_STATUS: Record<400 | 404 | 409 | 410 | 502, ProblemKind> = {
  400: "invalid-request",
  404: "not-found",
  409: "not-ready",
  410: "gone",
  502: "upstream-unavailable",
};

export const GET = withApiToken<{ id: string; kind: string }>(
  "certifications:read",
  async (context, request, { id, kind }) => {
    const query = readQuery(request, artifactQuery);
    if (!query.ok) return problemResponse(query.problem);
    const answer = await downloadArtifact(context, id, {
      type: kind,
      position: query.data.position,
      range: request.headers.get("range"),
      ifRange: request.headers.get("if-range"),
    });
    if (answer.kind === "refused")
      return problemResponse(problem(KIND_OF_STATUS[answer.status], answer.message));
    if (answer.kind === "unsatisfiable")
      return problemResponse(
        problem("range-not-satisfiable", `The artifact has ${answer.size} bytes.`),
        unsatisfiableRangeHeaders(answer.size),
      );
    if (answer.kind === "redirect")
      return new Response(null, {
        status: 307,
        headers: { location: answer.url.toString(), "cache-control": "no-store" },
      });
    return storedArtifactResponse(answer);
  },
);
