// The streaming ZIP every evidence bundle is written with (npm `archiver`, ZIP64 past 4 GB): entries are opened one
// at a time, only when the previous one is in the archive and only as fast as the reader takes the bytes, so memory
// stays bounded whatever the bundle's size. Each entry's SHA-256 and size are computed from the bytes as they go by;
// at the end come manifest.json and VERIFY.md (written from those figures by the bundle's plan) and SHA256SUMS, which
// lists every file of the bundle but itself, in the format `sha256sum -c` reads.
import crypto from "node:crypto";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { ZipArchive } from "archiver";

export type EntrySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string> | Buffer | string;

export interface BundleEntry {
  /** Where it goes in the ZIP: safe characters only (checked). */
  path: string;
  /** Opened when its turn comes; null when the bytes are missing (the entry is then listed as missing). */
  open: () => Promise<EntrySource | null>;
  /** What Certdesk recorded when it stored the bytes, compared with what is written. */
  recordedSha256?: string;
  /** Store without compressing (media, PDFs: already compressed). */
  store?: boolean;
  /** Said about the file in the manifest (its role, artifact type, ...). */
  about?: Record<string, unknown>;
}

export interface BundleFile {
  path: string;
  sha256: string;
  size: number;
  /** When a SHA-256 was recorded at archiving: whether the bytes written are still those. */
  matchesRecord?: boolean;
  [about: string]: unknown;
}

export interface BundlePlan {
  entries: AsyncIterable<BundleEntry> | Iterable<BundleEntry>;
  /** From every file written (and those that were missing): manifest.json's object and VERIFY.md's text. */
  finish(files: BundleFile[], missing: BundleEntry[]): Promise<{ manifest: unknown; verify: string }>;
}

const SAFE_PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
export const RESERVED_PATHS = new Set(["manifest.json", "VERIFY.md", "SHA256SUMS"]);

function checkPath(path: string, seen: Set<string>) {
  if (!SAFE_PATH.test(path) || path.split("/").some((part) => part === "." || part === ".."))
    throw new Error(`Unsafe path in an evidence bundle: ${JSON.stringify(path)}`);
  if (seen.has(path)) throw new Error(`Two files of an evidence bundle have the same path: ${path}`);
  seen.add(path);
}

function toNodeReadable(source: EntrySource): Readable {
  if (typeof source === "string" || Buffer.isBuffer(source)) return Readable.from([Buffer.from(source)]);
  if (source instanceof ReadableStream)
    return Readable.fromWeb(source as unknown as NodeReadableStream<Uint8Array>);
  return Readable.from(source);
}

/** The ZIP as a web stream pulled by the response; cancelling it (the browser went away) stops reading sources. */
export function streamZipBundle(plan: BundlePlan): ReadableStream<Uint8Array> {
  const archive = new ZipArchive({ zlib: { level: 6 }, highWaterMark: 256 * 1024 });
  let failure: Error | null = null;
  let current: Readable | null = null;
  const failed = new Promise<never>((_, reject) => {
    archive.on("error", (error: Error) => reject((failure ??= error)));
  });
  failed.catch(() => undefined);

  const written = async () => {
    const files: BundleFile[] = [];
    const missing: BundleEntry[] = [];
    const seen = new Set<string>(RESERVED_PATHS);
    const add = async (entry: BundleEntry, source: EntrySource) => {
      const hash = crypto.createHash("sha256");
      let size = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      const readable = (current = toNodeReadable(source));
      const appended = new Promise<void>((resolve) => archive.once("entry", () => resolve()));
      archive.append(counted, { name: entry.path, store: entry.store ?? false });
      await Promise.race([Promise.all([pipeline(readable, counted), appended]), failed]);
      current = null;
      return { sha256: hash.digest("hex"), size };
    };
    for await (const entry of plan.entries) {
      if (failure) throw failure;
      checkPath(entry.path, seen);
      const source = await entry.open();
      if (source === null) {
        missing.push(entry);
        continue;
      }
      const { sha256, size } = await add(entry, source);
      files.push({
        path: entry.path,
        sha256,
        size,
        ...entry.about,
        ...(entry.recordedSha256 !== undefined ? { matchesRecord: entry.recordedSha256 === sha256 } : {}),
      });
    }
    const { manifest, verify } = await plan.finish(files, missing);
    const sums: string[] = files.map((file) => `${file.sha256}  ${file.path}\n`);
    for (const [path, text] of [
      ["manifest.json", `${JSON.stringify(manifest, null, 2)}\n`],
      ["VERIFY.md", verify],
    ] as const) {
      const { sha256 } = await add({ path, open: async () => text }, text);
      sums.push(`${sha256}  ${path}\n`);
    }
    archive.append(sums.join(""), { name: "SHA256SUMS" });
    await Promise.race([archive.finalize(), failed]);
  };
  written().catch((error: unknown) => {
    const reason = error instanceof Error ? error : new Error(String(error));
    failure ??= reason;
    current?.destroy(reason);
    archive.destroy(reason);
  });

  const chunks = archive[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) {
            if (failure) controller.error(failure);
            else controller.close();
          } else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        } catch (error) {
          controller.error(error);
        }
      },
      cancel(reason) {
        const error = new Error(`The bundle's reader went away (${String(reason ?? "cancelled")}).`);
        failure ??= error;
        current?.destroy(error);
        archive.abort();
        archive.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}
