// Benchmark: SHA-256 of large files in Chromium with Certdesk's own hashing code (lib/hashing: the Web Worker pool,
// its calibration, WebCrypto in memory and hash-wasm streaming with read-ahead), in one run:
//   - as shipped (the workers warm up and calibrate in a fresh browser profile, then the file is hashed),
//   - each engine forced,
//   - the platform ceiling: Chromium reading the file with nothing hashed, Chromium reading then digesting it with no
//     Certdesk code, and `openssl dgst -sha256` on the same bytes,
// with the CPU model. Prints MB/s (best of BENCH_ROUNDS rounds, engines interleaved), the peak memory of the browser,
// and the ratio as shipped / faster engine (goal: ≥ 0.9). Every hash is checked against openssl's. Not a timed test.
//   npm run bench:browser-hashing                   (64 MB and 256 MB files in a temp folder, 3 rounds)
//   BENCH_SIZES_MB=64,256,1024 BENCH_ROUNDS=5 npm run bench:browser-hashing
// Needs Debian's chromium (CHROMIUM_PATH to use another) and openssl. Run it through `flock /work/heavy.lock`.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { chromium, type Page } from "@playwright/test";
import { WEBCRYPTO_BUDGET_BYTES, WEBCRYPTO_LIMIT_BYTES } from "@/lib/hashing/hash-messages";
import type { EngineChoice } from "@/lib/hashing/engine-choice";
import {
  startHashingPage,
  type HashingPageApi,
  type HashingPageResult,
} from "@/lib/hashing/testing/hashing-page";

declare global {
  interface Window {
    hashing: HashingPageApi;
  }
}

const MB = 1024 * 1024;
const sizesMb = (process.env.BENCH_SIZES_MB ?? "64,256")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-hash-bench-"));

function cpuModel(): string {
  try {
    const info = fs.readFileSync("/proc/cpuinfo", "utf8");
    const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
    const sha = /^flags\s*:.*\bsha_ni\b/m.test(info) ? "SHA-NI" : "no SHA-NI";
    return `${model} (${sha}) × ${os.cpus().length}`;
  } catch {
    return `${os.cpus()[0]?.model ?? "unknown"} × ${os.cpus().length}`;
  }
}

function makeFile(name: string, bytes: number): string {
  const file = path.join(dir, name);
  // Pseudo-random content (openssl's fast generator).
  execFileSync("sh", [
    "-c",
    `openssl enc -aes-128-ctr -pass pass:certdesk -nosalt -pbkdf2 < /dev/zero 2>/dev/null | head -c ${bytes} > ${file}`,
  ]);
  return file;
}

function openssl(file: string): { hash: string; ms: number } {
  const started = performance.now();
  const out = execFileSync("openssl", ["dgst", "-sha256", "-r", file]).toString();
  return { hash: out.split(" ")[0]!, ms: performance.now() - started };
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

const server = await startHashingPage(Number(process.env.BENCH_PORT ?? 0));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless", "--disable-gpu"],
});

/** A fresh browser profile (no stored calibration) with the file chosen and the workers warmed up. */
async function freshPage(file: string): Promise<{ page: Page; close(): Promise<void>; warmMs: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => "hashing" in window);
  await page.locator("#f").setInputFiles([file]);
  const warmMs = await page.evaluate(async () => {
    const started = performance.now();
    await window.hashing.warm();
    return performance.now() - started;
  });
  return { page, close: () => context.close(), warmMs };
}

interface Row {
  ms: number[];
  engines: string[];
  peakBytes: number;
  ok: boolean;
  notes: string[];
}

const newRow = (): Row => ({ ms: [], engines: [], peakBytes: 0, ok: true, notes: [] });

async function hashOnce(row: Row, file: string, expected: string, engine?: "webcrypto" | "wasm") {
  const { page, close, warmMs } = await freshPage(file);
  const baseline = browserRssBytes();
  let peak = baseline;
  // Sampled twice a second: ps costs CPU, which the browser shares on a small machine.
  const sampler = setInterval(() => (peak = Math.max(peak, browserRssBytes())), 500);
  const result = (await page.evaluate(
    (e) => window.hashing.hash(e ? { engine: e, webCryptoLimit: Infinity, webCryptoBudget: Infinity } : {}),
    engine ?? null,
  )) as HashingPageResult;
  clearInterval(sampler);
  if (!engine) {
    const choice = (await page.evaluate(() => window.hashing.choice())) as EngineChoice | null;
    row.notes.push(
      `calibration ${warmMs.toFixed(0)} ms: ${choice ? choice.byClass.join("/") : "none"}` +
        (choice
          ? ` (ms/MB: read whole ${choice.rates["read-whole"].toFixed(1)}, digest ${choice.rates.digest.toFixed(1)},` +
            ` read slices ${choice.rates["read-slices"].toFixed(1)}, hash-wasm ${choice.rates["wasm-update"].toFixed(1)})`
          : ""),
    );
  }
  await close();
  const one = result.files["0"];
  row.ok &&= one?.sha256 === expected && Object.keys(result.errors).length === 0;
  row.ms.push(result.ms);
  row.engines.push(one?.engine ?? "error");
  row.peakBytes = Math.max(row.peakBytes, peak - baseline);
}

async function probe(row: Row, file: string, which: "readOnly" | "readThenDigest") {
  const { page, close } = await freshPage(file);
  const ms =
    which === "readOnly"
      ? await page.evaluate(() => window.hashing.readOnly())
      : await page.evaluate(async () => {
          const r = await window.hashing.readThenDigest();
          return r.readMs + r.digestMs;
        });
  await close();
  row.ms.push(ms);
}

console.log(
  `CPU: ${cpuModel()}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
console.log(
  `Shipped: calibrated choice per size class, WebCrypto only up to ${WEBCRYPTO_LIMIT_BYTES / MB} MB per file and ` +
    `${WEBCRYPTO_BUDGET_BYTES / MB} MB at once; best of ${rounds} rounds, engines interleaved`,
);

const table: Array<{ label: string; bytes: number; row: Row; hashed: boolean }> = [];
const summary: string[] = [];
for (const sizeMb of sizesMb) {
  const bytes = sizeMb * MB;
  const label = sizeMb >= 1024 ? `${sizeMb / 1024} GB` : `${sizeMb} MB`;
  const file = makeFile(`${sizeMb}MB.bin`, bytes);
  const rows = {
    openssl: newRow(),
    read: newRow(),
    readDigest: newRow(),
    webcrypto: newRow(),
    wasm: newRow(),
    shipped: newRow(),
  };
  const expected = openssl(file).hash; // also brings the file into the page cache
  for (let r = 0; r < rounds; r++) {
    const o = openssl(file);
    rows.openssl.ms.push(o.ms);
    rows.openssl.ok &&= o.hash === expected;
    await probe(rows.read, file, "readOnly");
    if (bytes <= 1024 * MB) await probe(rows.readDigest, file, "readThenDigest");
    const order: Array<"webcrypto" | "wasm" | undefined> = [
      ["webcrypto", "wasm", undefined],
      ["wasm", undefined, "webcrypto"],
      [undefined, "webcrypto", "wasm"],
    ][r % 3] as Array<"webcrypto" | "wasm" | undefined>;
    for (const engine of order)
      // WebCrypto forced (and the read-then-digest probe) hold the whole file, twice at the peak: not above 1 GB.
      if (engine !== "webcrypto" || bytes <= 1024 * MB)
        await hashOnce(rows[engine ?? "shipped"], file, expected, engine);
  }
  table.push(
    { label: `${label}, platform: openssl dgst -sha256`, bytes, row: rows.openssl, hashed: false },
    { label: `${label}, platform: Chromium reads, no hashing`, bytes, row: rows.read, hashed: false },
    ...(rows.readDigest.ms.length
      ? [
          {
            label: `${label}, platform: Chromium reads, then digests`,
            bytes,
            row: rows.readDigest,
            hashed: false,
          },
        ]
      : []),
    ...(rows.webcrypto.ms.length
      ? [{ label: `${label}, WebCrypto forced`, bytes, row: rows.webcrypto, hashed: true }]
      : []),
    { label: `${label}, hash-wasm streaming forced`, bytes, row: rows.wasm, hashed: true },
    { label: `${label}, as shipped`, bytes, row: rows.shipped, hashed: true },
  );
  const best = (row: Row) => Math.min(...row.ms);
  const bestEngine = Math.min(best(rows.webcrypto), best(rows.wasm));
  const ratio = bestEngine / best(rows.shipped);
  summary.push(
    `${label}: as shipped / faster engine = ${ratio.toFixed(2)} (goal ≥ 0.90: ${ratio >= 0.9 ? "met" : "NOT met"}); ` +
      `faster engine / Chromium's read rate = ${(best(rows.read) / bestEngine).toFixed(2)}`,
    ...rows.shipped.notes.map((n) => `  as shipped, round ${rows.shipped.notes.indexOf(n) + 1}: ${n}`),
  );
  fs.rmSync(file);
}

console.log(
  `\n${"run".padEnd(46)} ${"MB/s".padStart(7)} ${"median".padStart(7)} ${"peak MB".padStart(8)}  engine per round       hash`,
);
for (const { label, bytes, row, hashed } of table) {
  const sorted = [...row.ms].sort((a, b) => a - b);
  const rate = (ms: number) => (bytes / MB / (ms / 1000)).toFixed(0).padStart(7);
  console.log(
    `${label.padEnd(46)} ${rate(sorted[0]!)} ${rate(sorted[Math.floor((sorted.length - 1) / 2)]!)} ${(hashed ? (row.peakBytes / MB).toFixed(0) : "-").padStart(8)}  ${(row.engines.join(",") || "-").padEnd(22)} ${hashed || row.engines.length ? (row.ok ? "= openssl" : "DIFFERS") : ""}`,
  );
}
console.log(`\n${summary.join("\n")}`);
console.log(
  "\n(MB/s: best round; median: the middle round; peak MB: browser RSS growth during the hash; as shipped: each round" +
    "\n in a fresh browser profile, so it calibrates (before the file is hashed, as when a screen opens) and may choose" +
    "\n differently from round to round; platform rows run no Certdesk code)",
);
await browser.close();
await server.close();
fs.rmSync(dir, { recursive: true, force: true });
if (table.some((t) => !t.row.ok)) process.exit(1);
