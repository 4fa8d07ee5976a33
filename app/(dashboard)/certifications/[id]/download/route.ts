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
  const download = await downloadArtifact(ctx, id, {
    type: search.get("type") ?? "",
    position: Number(search.get("n") ?? "0"),
  });
  if (download.kind === "refused") return new Response(download.message, { status: download.status });
  if (download.kind === "redirect")
    return new Response(null, {
      status: 303,
      headers: { location: download.url.toString(), "cache-control": "no-store" },
    });
  return new Response(download.body, {
    headers: {
      "content-type": download.contentType,
      "content-length": download.size.toString(),
      "content-disposition": contentDisposition(download.fileName),
      "repr-digest": `sha-256=:${Buffer.from(download.sha256, "hex").toString("base64")}:`,
      "x-content-sha256": download.sha256,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
