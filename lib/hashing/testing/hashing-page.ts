// A bare page that runs Certdesk's own hashing code (lib/hashing, bundled with esbuild as the app bundles it) in a
// real browser, without the app: for the browser test of the calibration and the hashing benchmark. Node only.
//
// The page exposes window.hashing (see HashingPageApi) and counts the calibration requests sent to workers, so a
// test can tell a calibration that ran from one that was reused. It also serves two probes of the platform alone,
// no Certdesk code: the time Chromium takes to read a file (nothing hashed) and to read it, then digest it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";

export interface HashingPageResult {
  ms: number;
  files: Record<string, { sha256: string; engine: string; ms: number }>;
  errors: Record<string, string>;
}

/** What the page offers to page.evaluate(), on window.hashing. */
export interface HashingPageApi {
  /** warmHashWorkers(), as the screens call it when they open. */
  warm(): Promise<void>;
  release(): void;
  /** Hashes the files of the page's file input. `engine` forces one; without it, as shipped. */
  hash(options?: {
    engine?: "webcrypto" | "wasm";
    webCryptoLimit?: number;
    webCryptoBudget?: number;
  }): Promise<HashingPageResult>;
  /** The choice in force (hashEngineChoice()). */
  choice(): unknown;
  /** Calibration requests posted to workers since the page loaded. */
  calibrations(): number;
  storageKey: string;
  /** The platform alone: Chromium reading the first file in slices read ahead (nothing hashed), in ms. */
  readOnly(): Promise<number>;
  /** The platform alone: the first file read whole (FileReaderSync), then one WebCrypto digest; ms of each. */
  readThenDigest(): Promise<{ readMs: number; digestMs: number }>;
}

const root = path.resolve(import.meta.dirname, "../../..");

const bundle = async (entry: string) =>
  (
    await build({
      entryPoints: [path.join(root, entry)],
      bundle: true,
      format: "esm",
      write: false,
      minify: true,
      alias: { "@": root },
      // The pool creates its workers with new URL("./hash-worker.ts", import.meta.url): served below.
      external: ["./hash-worker.ts"],
    })
  ).outputFiles[0]!.text;

const readOnlyJs = `self.onmessage = async (event) => {
  const file = event.data, SLICE = 4 * 1024 * 1024, pending = [];
  let next = 0;
  const readNext = () => { if (next < file.size) { pending.push(file.slice(next, next + SLICE).arrayBuffer()); next += SLICE; } };
  const started = performance.now();
  readNext(); readNext();
  while (pending.length) { await pending.shift(); readNext(); }
  self.postMessage(performance.now() - started);
};`;

const readThenDigestJs = `self.onmessage = async (event) => {
  const started = performance.now();
  const bytes = new FileReaderSync().readAsArrayBuffer(event.data);
  const read = performance.now();
  await crypto.subtle.digest("SHA-256", bytes);
  self.postMessage({ readMs: read - started, digestMs: performance.now() - read });
};`;

const page = `<!doctype html><meta charset="utf-8"><title>hashing</title><input type="file" id="f" multiple>
<script type="module">
let calibrations = 0;
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.type === "calibrate") calibrations++;
  return post.call(this, message, ...rest);
};
const pool = await import("/hash-pool.js");
const files = () => [...document.getElementById("f").files];
const probe = (script) => new Promise((resolve, reject) => {
  const worker = new Worker(script);
  worker.onmessage = (event) => { worker.terminate(); resolve(event.data); };
  worker.onerror = (event) => { worker.terminate(); reject(new Error(event.message)); };
  worker.postMessage(files()[0]);
});
window.hashing = {
  storageKey: pool.CALIBRATION_STORAGE_KEY,
  warm: () => pool.warmHashWorkers(),
  release: () => pool.releaseHashWorkers(),
  choice: () => pool.hashEngineChoice(),
  calibrations: () => calibrations,
  readOnly: () => probe("/read-only.js"),
  readThenDigest: () => probe("/read-then-digest.js"),
  hash: (options = {}) => new Promise((resolve) => {
    const out = { files: {}, errors: {} };
    const started = performance.now();
    const run = pool.hashFiles(files().map((file, i) => ({ id: String(i), file })), {
      onProgress() {},
      onDone(id, sha256, info) { out.files[id] = { sha256, engine: info.engine, ms: info.ms }; },
      onError(id, message) { out.errors[id] = message; },
    }, options);
    run.done.then(() => resolve({ ...out, ms: performance.now() - started }));
  }),
};
document.title = "ready";
</script>`;

export async function startHashingPage(port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const scripts: Record<string, string> = {
    "/hash-pool.js": await bundle("lib/hashing/hash-pool.ts"),
    "/hash-worker.ts": await bundle("lib/hashing/hash-worker.ts"),
    "/read-only.js": readOnlyJs,
    "/read-then-digest.js": readThenDigestJs,
  };
  const server = http.createServer((request, response) => {
    const script = scripts[request.url ?? ""];
    response.writeHead(200, { "content-type": script ? "text/javascript" : "text/html" });
    response.end(script ?? page);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
