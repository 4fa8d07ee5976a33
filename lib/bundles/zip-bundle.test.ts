// The streaming ZIP checked from the outside: unpacked by Debian's `unzip`, its sums checked by `sha256sum -c`, a
// 200 MB entry streamed through with the process's memory growing by far less than the entry, and hostile paths refused.
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { afterEach, describe, expect, it } from "vitest";
import { streamZipBundle, type BundleEntry, type BundleFile } from "./zip-bundle";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-zip-"));
  dirs.push(dir);
  return dir;
}

async function save(stream: ReadableStream<Uint8Array>, file: string) {
  await pipeline(
    Readable.fromWeb(stream as unknown as NodeReadableStream<Uint8Array>),
    fs.createWriteStream(file),
  );
}

function plan(entries: BundleEntry[], seen: { files?: BundleFile[]; missing?: BundleEntry[] } = {}) {
  return {
    entries,
    async finish(files: BundleFile[], missing: BundleEntry[]) {
      seen.files = files;
      seen.missing = missing;
      return { manifest: { files, missing: missing.map((m) => m.path) }, verify: "# Verify\n" };
    },
  };
}

const sha256 = (data: Buffer | string) => crypto.createHash("sha256").update(data).digest("hex");

describe("streamZipBundle", () => {
  it("writes every entry, lists the missing ones, and SHA256SUMS passes sha256sum -c until a byte changes", async () => {
    const dir = tempDir();
    const webStream = new Blob([Buffer.from("from a web stream")]).stream();
    const seen: { files?: BundleFile[]; missing?: BundleEntry[] } = {};
    const zip = path.join(dir, "bundle.zip");
    await save(
      streamZipBundle(
        plan(
          [
            { path: "a-report.pdf", open: async () => Buffer.from("%PDF-1.7 fake"), store: true },
            {
              path: "nested/b.json",
              open: async () => webStream,
              recordedSha256: sha256("from a web stream"),
            },
            { path: "gone.xml", open: async () => null },
            { path: "c.txt", open: async () => "text", recordedSha256: "0".repeat(64) },
          ],
          seen,
        ),
      ),
      zip,
    );
    const out = path.join(dir, "out");
    execFileSync("unzip", ["-q", zip, "-d", out]);
    expect(fs.readdirSync(out).sort()).toEqual([
      "SHA256SUMS",
      "VERIFY.md",
      "a-report.pdf",
      "c.txt",
      "manifest.json",
      "nested",
    ]);
    const sums = fs.readFileSync(path.join(out, "SHA256SUMS"), "utf8");
    expect(sums).toContain(`${sha256("text")}  c.txt\n`);
    expect(sums).toContain("  manifest.json\n");
    expect(sums).not.toContain("SHA256SUMS");
    expect(execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: out }).toString()).toContain(
      "nested/b.json: OK",
    );
    expect(seen.missing!.map((m) => m.path)).toEqual(["gone.xml"]);
    const byPath = Object.fromEntries(seen.files!.map((f) => [f.path, f]));
    expect(byPath["nested/b.json"]).toMatchObject({ size: 17, matchesRecord: true });
    expect(byPath["c.txt"]).toMatchObject({ size: 4, matchesRecord: false });
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")) as {
      missing: string[];
    };
    expect(manifest.missing).toEqual(["gone.xml"]);

    const file = path.join(out, "nested/b.json");
    const bytes = fs.readFileSync(file);
    bytes[0] = bytes[0]! ^ 1;
    fs.writeFileSync(file, bytes);
    const tampered = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: out });
    expect(tampered.status).not.toBe(0);
    expect(tampered.stdout.toString()).toContain("nested/b.json: FAILED");
  });

  it.each([
    ["../escape.txt"],
    ["/etc/passwd"],
    ["a/./b"],
    ["spaced name.txt"],
    ["SHA256SUMS"],
    ["new\nline"],
  ])("refuses the path %j: the stream errors instead of writing it", async (bad) => {
    const stream = streamZipBundle(plan([{ path: bad, open: async () => "x" }]));
    await expect(new Response(stream).arrayBuffer()).rejects.toThrow();
  });

  it("errors the stream when a source fails midway (no truncated ZIP that looks complete)", async () => {
    async function* failing() {
      yield Buffer.alloc(1024, 1);
      throw new Error("storage went away");
    }
    const stream = streamZipBundle(plan([{ path: "big.bin", open: async () => failing() }]));
    await expect(new Response(stream).arrayBuffer()).rejects.toThrow();
  });

  it("streams a 200 MB entry with bounded memory: RSS grows by far less than the entry", async () => {
    const dir = tempDir();
    const block = crypto.randomBytes(1024 * 1024);
    const total = 200;
    async function* generated() {
      for (let i = 0; i < total; i++) {
        const chunk = Buffer.from(block);
        chunk.writeUInt32BE(i, 0);
        yield chunk;
      }
    }
    const expected = crypto.createHash("sha256");
    for (let i = 0; i < total; i++) {
      const chunk = Buffer.from(block);
      chunk.writeUInt32BE(i, 0);
      expected.update(chunk);
    }
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const zip = path.join(dir, "big.zip");
    const seen: { files?: BundleFile[] } = {};
    try {
      await save(
        streamZipBundle(plan([{ path: "big.bin", open: async () => generated(), store: true }], seen)),
        zip,
      );
    } finally {
      clearInterval(timer);
    }
    const growth = peak - before;
    console.log(
      `200 MB entry: RSS grew by ${(growth / 1048576).toFixed(1)} MB (peak ${(peak / 1048576).toFixed(0)} MB)`,
    );
    expect(growth).toBeLessThan(100 * 1024 * 1024);
    expect(fs.statSync(zip).size).toBeGreaterThan(total * 1024 * 1024);
    expect(seen.files![0]).toMatchObject({
      path: "big.bin",
      size: total * 1024 * 1024,
      sha256: expected.digest("hex"),
    });
    const listed = execFileSync("unzip", ["-p", zip, "SHA256SUMS"]).toString();
    expect(listed).toContain(`${seen.files![0]!.sha256}  big.bin`);
    const test = spawnSync("unzip", ["-tq", zip]);
    expect(test.stdout.toString()).toContain("No errors detected");
  }, 120_000);
});
