import type { Download } from "@/lib/core/download";

/** A verb's Download as an attachment the browser saves under the verb's name for it. Never cached. */
export function downloadResponse(download: Download): Response {
  const ascii = download.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(download.body, {
    headers: {
      "content-type": download.contentType,
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(download.filename)}`,
      "cache-control": "no-store",
      ...(download.size !== undefined ? { "content-length": String(download.size) } : {}),
    },
  });
}
