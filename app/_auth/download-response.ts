import { contentDisposition } from "@/app/_auth/artifact-response";
import type { Download } from "@/lib/core/download";

/** A verb's Download as an attachment the browser saves under the verb's name for it. Never cached. */
export function downloadResponse(download: Download): Response {
  return new Response(download.body, {
    headers: {
      "content-type": download.contentType,
      "content-disposition": contentDisposition(download.filename),
      "cache-control": "no-store",
      ...(download.size !== undefined ? { "content-length": String(download.size) } : {}),
    },
  });
}
