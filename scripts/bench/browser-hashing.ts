// Benchmark: SHA-256 of large files in Chromium with Certdesk's own hashing code (lib/hashing: the Web Worker pool,
// WebCrypto up to the size limit, hash-wasm streaming above it), beside `openssl dgst -sha256` on the same files.
// Prints MB/s, the ratio to openssl and the peak memory of the browser. Not a timed test.
//   npm run bench:browser-hashing                 (256 MB and 1 GB files in a temp folder)
//   BENCH_HUGE=1 npm run bench:browser-hashing    (also a 4 GB file, streamed: bounded memory)
// Needs Debian's chromium (CHROMIUM_PATH to use another) and openssl.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { build } from "esbuild";
import { chromium } from "@playwright/test";
import { WEBCRYPTO_BUDGET_BYTES, WEBCRYPTO_LIMIT_BYTES } from "@/lib/hashing/hash-messages";

const MB = 1024 * 1024;
const expectedHash = new Map<string, string>();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-hash-bench-"));

function makeFile(name: string, bytes: number): string {
  const file = path.join(dir, name);
  // Pseudo-random content (openssl's fast generator), written in 64 MB pieces.
  execFileSync("sh", [
    "-c",
    `openssl enc -aes-128-ctr -pass pass:certdesk -nosalt -pbkdf2 < /dev/zero 2>/dev/null | head -c ${bytes} > ${file}`,
  ]);
  return file;
}

function openssl(file: string): { hash: string; mbps: number } {
  const started = performance.now();
  const out = execFileSync("openssl", ["dgst", "-sha256", "-r", file]).toString();
  const seconds = (performance.now() - started) / 1000;
  return { hash: out.split(" ")[0]!, mbps: fs.statSync(file).size / MB / seconds };
}

/** The browser's resident memory (all its processes), sampled while a run goes. */
function browserRssBytes(): number {
  const ps = spawnSync("ps", ["-C", "chromium,chrome,headless_shell", "-o", "rss="]);
  return ps.stdout
    .toString()
    .split("\n")
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line.trim()) * 1024, 0);
}

const bundle = async (entry: string) =>
  (
    await build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      write: false,
      minify: true,
      alias: { "@": path.resolve(".") },
      // The pool creates its workers with new URL("./hash-worker.ts", import.meta.url): served below.
      external: ["./hash-worker.ts"],
    })
  ).outputFiles[0]!.text;

const poolJs = await bundle("lib/hashing/hash-pool.ts");
const workerJs = await bundle("lib/hashing/hash-worker.ts");
// The platform's own floor, without Certdesk's code: Chromium reading the file into memory, then one WebCrypto digest
// of bytes already in memory. Hashing one file through WebCrypto cannot be faster than the two in sequence.
const probeJs = `self.onmessage = async (event) => {
  const started = performance.now();
  const bytes = new FileReaderSync().readAsArrayBuffer(event.data);
  const read = performance.now();
  await crypto.subtle.digest("SHA-256", bytes);
  self.postMessage({ readMs: read - started, digestMs: performance.now() - read });
};`;
const page = `<!doctype html><meta charset="utf-8"><input type="file" id="f" multiple>
<script type="module">
import { hashFiles, warmHashWorkers } from "/hash-pool.js";
// As the screens do when they open: the workers are started before a file is dropped.
window.ready = warmHashWorkers();
window.probe = () => new Promise((resolve) => {
  const worker = new Worker("/probe.js");
  worker.onmessage = (event) => { worker.terminate(); resolve(event.data); };
  worker.postMessage(document.getElementById("f").files[0]);
});
window.runHash = (webCryptoLimit) => new Promise((resolve, reject) => {
  if (webCryptoLimit === -1) webCryptoLimit = undefined; // as shipped
  const files = [...document.getElementById("f").files];
  const started = performance.now();
  const out = {};
  const run = hashFiles(files.map((file, i) => ({ id: String(i), file })), {
    onProgress() {},
    onDone(id, sha256, info) { out[id] = { sha256, engine: info.engine, ms: info.ms }; },
    onError(id, message) { reject(new Error(message)); },
  }, { webCryptoLimit, webCryptoBudget: webCryptoLimit === undefined ? undefined : Infinity });
  run.done.then(() => resolve({ ms: performance.now() - started, files: out, cores: navigator.hardwareConcurrency }));
});
</script>`;
const server = http.createServer((request, response) => {
  const body =
    request.url === "/hash-pool.js"
      ? poolJs
      : request.url === "/hash-worker.ts"
        ? workerJs
        : request.url === "/probe.js"
          ? probeJs
          : page;
  response.writeHead(200, {
    "content-type": request.url === "/" ? "text/html" : "text/javascript",
  });
  response.end(body);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless", "--disable-gpu"],
});

interface Result {
  name: string;
  bytes: number;
  ms: number;
  peakBytes: number;
  ok: boolean;
  engine: string;
}

async function run(name: string, files: string[], webCryptoLimit: number): Promise<Result> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(url);
  await tab.locator("#f").setInputFiles(files);
  await tab.evaluate(() => (window as never as { ready: Promise<void> }).ready);
  const baseline = browserRssBytes();
  let peak = baseline;
  // Sampled twice a second: ps costs CPU, which the browser shares on a small machine.
  const sampler = setInterval(() => (peak = Math.max(peak, browserRssBytes())), 500);
  const result = (await tab.evaluate(
    (limit) => (window as never as { runHash: (l: number) => unknown }).runHash(limit),
    webCryptoLimit === Infinity ? Number.MAX_SAFE_INTEGER : webCryptoLimit,
  )) as {
    ms: number;
    files: Record<string, { sha256: string; engine: string }>;
  };
  clearInterval(sampler);
  await context.close();
  const expected = files.map((file) => expectedHash.get(file)!);
  const ok = files.every((_, i) => result.files[String(i)]?.sha256 === expected[i]);
  const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  const engines = [...new Set(Object.values(result.files).map((f) => f.engine))].join("+");
  if (process.env.BENCH_DEBUG)
    console.log(
      name,
      "total ms",
      result.ms.toFixed(0),
      "worker ms",
      Object.values(result.files)
        .map((f) => (f as { ms?: number }).ms?.toFixed(0))
        .join(","),
    );
  return { name, bytes, ms: result.ms, peakBytes: peak - baseline, ok, engine: engines };
}

/**
 * The platform alone, best of three: the file read, the digest of bytes in memory, and their sum, the most a
 * WebCrypto hash of one file can do here (it must read the whole file, then digest it).
 */
async function probe(
  label: string,
  file: string,
  ref: number,
): Promise<Array<Result & { opensslMbps: number }>> {
  let best = { readMs: Infinity, digestMs: Infinity };
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(url);
    await tab.locator("#f").setInputFiles([file]);
    const one = (await tab.evaluate(() =>
      (window as never as { probe: () => unknown }).probe(),
    )) as typeof best;
    await context.close();
    best = { readMs: Math.min(best.readMs, one.readMs), digestMs: Math.min(best.digestMs, one.digestMs) };
  }
  const bytes = fs.statSync(file).size;
  const row = (name: string, ms: number) => ({
    name,
    bytes,
    ms,
    peakBytes: 0,
    ok: true,
    engine: "-",
    opensslMbps: ref,
  });
  return [
    row(`${label}, platform: Chromium reads the file`, best.readMs),
    row(`${label}, platform: WebCrypto digest in memory`, best.digestMs),
    row(`${label}, platform: read, then digest (ceiling)`, best.readMs + best.digestMs),
  ];
}

const sizes: Array<[string, number]> = [
  ["256 MB", 256 * MB],
  ...(process.env.BENCH_QUICK ? [] : ([["1 GB", 1024 * MB]] as Array<[string, number]>)),
];
if (process.env.BENCH_HUGE) sizes.push(["4 GB", 4096 * MB]);

console.log(
  `CPU: ${os.cpus()[0]?.model} × ${os.cpus().length}; shipped: WebCrypto up to ${WEBCRYPTO_LIMIT_BYTES / MB} MB per file and ${WEBCRYPTO_BUDGET_BYTES / MB} MB at once, hash-wasm streaming above`,
);
const made: Record<string, string> = {};
const opensslMbps: Record<string, number> = {};
for (const [label, bytes] of sizes) {
  made[label] = makeFile(`${label.replace(" ", "")}.bin`, bytes);
  const o = openssl(made[label]);
  expectedHash.set(made[label], o.hash);
  opensslMbps[label] = o.mbps;
}
const second = makeFile("256MB-b.bin", 256 * MB);
expectedHash.set(second, openssl(second).hash);

const results: Array<Result & { opensslMbps: number }> = [];
const add = async (name: string, files: string[], limit: number, ref: number) =>
  results.push({ ...(await run(name, files, limit)), opensslMbps: ref });
for (const [label] of sizes) {
  if (label !== "4 GB") results.push(...(await probe(label, made[label]!, opensslMbps[label]!)));
  if (label !== "4 GB")
    await add(`${label}, WebCrypto (whole file in memory)`, [made[label]!], Infinity, opensslMbps[label]!);
  await add(`${label}, hash-wasm streaming`, [made[label]!], 0, opensslMbps[label]!);
  await add(`${label}, as shipped`, [made[label]!], -1, opensslMbps[label]!);
}
await add(
  `2 × 256 MB together (${os.cpus().length} workers), streaming`,
  [made["256 MB"]!, second],
  0,
  opensslMbps["256 MB"]!,
);
await add(`2 × 256 MB together, as shipped`, [made["256 MB"]!, second], -1, opensslMbps["256 MB"]!);

console.log(
  `\n${"run".padEnd(48)} ${"MB/s".padStart(8)} ${"openssl".padStart(8)} ${"ratio".padStart(6)} ${"peak MB".padStart(8)}  engine     hash`,
);
for (const r of results) {
  const mbps = r.bytes / MB / (r.ms / 1000);
  console.log(
    `${r.name.padEnd(48)} ${mbps.toFixed(0).padStart(8)} ${r.opensslMbps.toFixed(0).padStart(8)} ${(mbps / r.opensslMbps).toFixed(2).padStart(6)} ${(r.peakBytes / MB).toFixed(0).padStart(8)}  ${r.engine.padEnd(10)} ${r.engine === "-" ? "" : r.ok ? "= openssl" : "DIFFERS"}`,
  );
}
console.log(
  "\n(openssl column: single-threaded openssl on one file of the same size; peak MB: browser RSS growth;" +
    "\n platform rows: no Certdesk code, a bare worker reading the file then digesting it, each the best of 3 runs)",
);
await browser.close();
server.close();
fs.rmSync(dir, { recursive: true, force: true });
if (results.some((r) => !r.ok)) process.exit(1);
