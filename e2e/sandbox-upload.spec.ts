// A browser on one origin PUTs a file straight to a TrueScreen sandbox presigned URL on another origin
// (CORS preflight included), and the sandbox stores exactly those bytes.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { TrueScreenSandbox } from "@/sandbox/truescreen/truescreen-sandbox";

test("a page on another origin uploads a file straight to a presigned URL", async ({ page }) => {
  const sandbox = new TrueScreenSandbox({ port: 0 });
  const sandboxUrl = await sandbox.start();
  const key = sandbox.createKey({ credits: 5 });
  const pageServer = http.createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>uploader</title>
      <input type="file" id="file"><pre id="result"></pre>
      <script>
        document.getElementById("file").addEventListener("change", async (event) => {
          const file = event.target.files[0];
          const response = await fetch(window.uploadUrl, { method: "PUT", body: file, headers: { "Content-Type": file.type } });
          document.getElementById("result").textContent = response.status + " " + response.headers.get("etag");
        });
      </script>`);
  });
  await new Promise<void>((resolve) => pageServer.listen(0, "127.0.0.1", resolve));
  try {
    const [slot] = (await (
      await fetch(`${sandboxUrl}/v1/file-certifications-attachments`, {
        method: "POST",
        headers: { authorization: `Bearer ${key.api_key}`, "content-type": "application/json" },
        body: JSON.stringify({ files: [{ file_name: "evidence.pdf" }] }),
      })
    ).json()) as Array<{ upload_url: string; upload_session_token: string }>;
    const bytes = crypto.randomBytes(256 * 1024);

    await page.goto(`http://localhost:${(pageServer.address() as AddressInfo).port}/`);
    expect(new URL(page.url()).origin).not.toBe(new URL(sandboxUrl).origin);
    await page.evaluate(
      (url) => ((window as unknown as { uploadUrl: string }).uploadUrl = url),
      slot!.upload_url,
    );
    // A cross-origin PUT with Content-Type application/pdf is not a "simple" request: Chromium sends it only after a
    // CORS preflight the sandbox accepted, so a 200 here proves the preflight too.
    await page
      .locator("#file")
      .setInputFiles({ name: "evidence.pdf", mimeType: "application/pdf", buffer: bytes });
    await expect(page.locator("#result")).toHaveText(
      `200 "${crypto.createHash("md5").update(bytes).digest("hex")}"`,
    );

    const stored = Buffer.from(
      await (await fetch(`${sandboxUrl}/sandbox/uploads/${slot!.upload_session_token}/0`)).arrayBuffer(),
    );
    expect(stored.equals(bytes)).toBe(true);
  } finally {
    await sandbox.stop();
    await new Promise<void>((resolve) => pageServer.close(() => resolve()));
  }
});
