// Downloads an artifact of a certification (lib/certifications/download-artifact.ts decides and audits): the archived
// bytes with their recorded SHA-256, or a redirect to TrueScreen's fresh URL before archiving completes.
import { withMember } from "@/app/_auth/with-member";
import { downloadArtifact } from "@/lib/certifications/download-artifact";
import { displayText } from "@/lib/text/display-name";

// The browser shows this name in its downloads list: bidi controls are escaped there too (lib/text/display-name.ts).
function contentDisposition(fileName: string) {
  const shown = displayText(fileName);
  const ascii = shown.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(shown)}`;
}

export const GET = withMember<{ id: string }>("viewer", async (ctx, request, { id }) => {
  const search = new URL(request.url).searchParams;
  const answer = await downloadArtifact(ctx, id, {
    type: search.get("type") ?? "",
    position: Number(search.get("n") ?? "0"),
  });
  if (answer.kind === "refused") return new Response(answer.message, { status: answer.status });
  if (answer.kind === "redirect")
    return new Response(null, {
      status: 303,
      headers: { location: answer.url.toString(), "cache-control": "no-store" },
    });
  const { download: file, sha256 } = answer;
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.size),
      "content-disposition": contentDisposition(file.filename),
      "repr-digest": `sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`,
      "x-content-sha256": sha256,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
