// Benchmark: an evidence bundle's streaming ZIP (lib/bundles/zip-bundle.ts) around one large artifact read from disk,
// beside a plain copy of the same file through a Node stream pipeline in the same run (the reference). Prints MB/s,
// the ratio to the copy, and how much the process's resident memory grew at its peak: it must stay far below the
// artifact's size (bounded memory). Then `unzip -t` checks the ZIP. Not a timed test.
//   npm run bench:evidence-bundle                  (a 1 GB artifact in a temp folder)
//   BENCH_MB=4500 npm run bench:evidence-bundle    (past 4 GB: a ZIP64 bundle)
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { streamZipBundle } from "@/lib/bundles/zip-bundle";

const MB = 1024 * 1024;
const size = Number(process.env.BENCH_MB ?? 1024);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-bundle-bench-"));

function makeFile(name: string, megabytes: number): string {
  const file = path.join(dir, name);
  execFileSync("sh", [
    "-c",
    `openssl enc -aes-128-ctr -pass pass:certdesk -nosalt -pbkdf2 < /dev/zero 2>/dev/null | head -c ${megabytes * MB} > ${file}`,
  ]);
  return file;
}

async function measure(run: () => Promise<void>) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - started) / 1000;
  return { mbps: size / seconds, seconds, growthMb: (peak - before) / MB, peakMb: peak / MB };
}

async function main() {
  console.log(`Generating a ${size} MB artifact in ${dir}...`);
  const artifact = makeFile("artifact.bin", size);
  const copy = await measure(() =>
    pipeline(fs.createReadStream(artifact), fs.createWriteStream(path.join(dir, "copy.bin"))),
  );
  fs.rmSync(path.join(dir, "copy.bin"));
  const results: Array<[string, Awaited<ReturnType<typeof measure>>]> = [["plain copy (reference)", copy]];
  for (const store of [true, false]) {
    const zip = path.join(dir, `bundle-${store ? "stored" : "deflated"}.zip`);
    const stream = streamZipBundle({
      entries: [
        {
          path: "originals/artifact.bin",
          store,
          open: async () => Readable.toWeb(fs.createReadStream(artifact)) as ReadableStream<Uint8Array>,
        },
      ],
      finish: async (files) => ({ manifest: { files }, verify: "# Verify\n" }),
    });
    const result = await measure(() =>
      pipeline(
        Readable.fromWeb(stream as unknown as NodeReadableStream<Uint8Array>),
        fs.createWriteStream(zip),
      ),
    );
    results.push([`bundle, entry ${store ? "stored" : "deflated"}`, result]);
    const test = spawnSync("unzip", ["-tq", zip], { encoding: "utf8" });
    console.log(`unzip -t (${path.basename(zip)}): ${test.stdout.trim() || test.stderr.trim()}`);
    fs.rmSync(zip);
  }
  console.log(`\nOne ${size} MB artifact (peak RSS growth must stay far below ${size} MB):`);
  for (const [name, r] of results)
    console.log(
      `  ${name.padEnd(26)} ${r.mbps.toFixed(0).padStart(6)} MB/s  ${(r.mbps / copy.mbps).toFixed(2)}x the copy  ` +
        `RSS +${r.growthMb.toFixed(1)} MB (peak ${r.peakMb.toFixed(0)} MB)`,
    );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
