// An archived artifact as the HTTP answer both download routes give (the dashboard's and the API's): the file under
// its filing name, its recorded SHA-256 (X-Content-SHA256 and Repr-Digest, both of the whole artifact even for a
// part), its SHA-256 as a strong ETag, and byte ranges: 206 with Content-Range for a part, so large media resumes.
import type { ArtifactDownload } from "@/lib/certifications/download-artifact";
import { displayText } from "@/lib/text/display-name";

type Stored = Extract<ArtifactDownload, { kind: "stored" }>;

/** The browser shows this name in its downloads list: bidi controls are escaped there too (lib/text/display-name.ts). */
export function contentDisposition(fileName: string): string {
  const shown = displayText(fileName);
  const ascii = shown.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(shown)}`;
}

export function storedArtifactResponse(answer: Stored): Response {
  const { download, sha256, etag, part } = answer;
  return new Response(download.body, {
    status: part ? 206 : 200,
    headers: {
      "content-type": download.contentType,
      "content-length": String(download.size),
      ...(part ? { "content-range": `bytes ${part.start}-${part.end}/${part.size}` } : {}),
      "accept-ranges": "bytes",
      etag,
      "content-disposition": contentDisposition(download.filename),
      "repr-digest": `sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`,
      "x-content-sha256": sha256,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** The header a 416 carries: the artifact's whole size, so the client can ask again. */
export function unsatisfiableRangeHeaders(size: number): Record<string, string> {
  return { "content-range": `bytes */${size}`, "accept-ranges": "bytes", "cache-control": "no-store" };
}
