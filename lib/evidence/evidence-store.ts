// Evidence storage: where archived TrueScreen artifacts and the audit log's anchors are kept. A local folder under
// CERTDESK_DATA_DIR by default; an S3-compatible bucket when EVIDENCE_S3_BUCKET is set. Objects are written once,
// under keys that Certdesk chooses (tenant/certification/artifact), and their SHA-256 and size are computed from the
// bytes as they stream by. Anchors are created exclusively (never overwritten) and found again by listing a prefix.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
// The DOM's and Node's web stream types are the same streams, declared apart: fromWeb wants Node's.
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { DOMParser, type Document as XmlDocument } from "@xmldom/xmldom";
import { AwsClient } from "aws4fetch";
import { config } from "@/lib/config";

export interface StoredObject {
  sha256: string;
  size: number;
}

export interface EvidenceStore {
  readonly kind: "local" | "s3";
  /** Streams `body` into the object `key`, replacing nothing that is already complete (keys are unique). */
  put(key: string, body: ReadableStream<Uint8Array>, contentType: string): Promise<StoredObject>;
  /** The object's bytes, or null when it does not exist. */
  get(key: string): Promise<ReadableStream<Uint8Array> | null>;
  /**
   * Bytes `start` to `end` (inclusive, as HTTP ranges count) of the object, or null when it does not exist; `end` past
   * the object's last byte reads to its end. A start past the end is an EvidenceRangeError.
   */
  getRange(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array> | null>;
  /**
   * Creates the object only if there is none under `key`, atomically: "created", or "exists" when an object was
   * there already (it is left as it was, whatever it holds).
   */
  putIfAbsent(key: string, body: Buffer, contentType: string): Promise<"created" | "exists">;
  /** The keys that start with `prefix`, in byte order, only those after `startAfter` when it is given. */
  listKeys(prefix: string, options?: { startAfter?: string }): Promise<string[]>;
}

export class EvidenceRangeError extends Error {
  constructor(key: string, start: number) {
    super(`The evidence object ${key} has no byte ${start}.`);
    this.name = "EvidenceRangeError";
  }
}

function checkRange(start: number, end: number) {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start)
    throw new RangeError(`Invalid byte range ${start}-${end}.`);
}

const safeKey = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const safePrefix = /^([A-Za-z0-9._-]+\/)*[A-Za-z0-9._-]*$/;
const PARTIAL = /\.[0-9a-f]{12}\.partial$/;
function checkKey(key: string) {
  if (!safeKey.test(key) || key.split("/").some((part) => part === "." || part === ".."))
    throw new Error(`Unsafe evidence key: ${key}`);
}

function checkPrefix(prefix: string) {
  if (!safePrefix.test(prefix) || prefix.split("/").some((part) => part === "." || part === ".."))
    throw new Error(`Unsafe evidence prefix: ${prefix}`);
}

function hasher() {
  const hash = crypto.createHash("sha256");
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  return { transform, result: (): StoredObject => ({ sha256: hash.digest("hex"), size }) };
}

export class LocalEvidenceStore implements EvidenceStore {
  readonly kind = "local" as const;
  constructor(readonly root: string) {}

  async put(key: string, body: ReadableStream<Uint8Array>): Promise<StoredObject> {
    checkKey(key);
    const target = path.join(this.root, key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.${crypto.randomBytes(6).toString("hex")}.partial`;
    const { transform, result } = hasher();
    try {
      await pipeline(
        Readable.fromWeb(body as NodeReadableStream<Uint8Array>),
        transform,
        fs.createWriteStream(partial, { flags: "wx" }),
      );
      await fs.promises.rename(partial, target);
    } catch (error) {
      await fs.promises.rm(partial, { force: true });
      throw error;
    }
    return result();
  }

  async get(key: string): Promise<ReadableStream<Uint8Array> | null> {
    checkKey(key);
    const target = path.join(this.root, key);
    try {
      await fs.promises.access(target, fs.constants.R_OK);
    } catch {
      return null;
    }
    return Readable.toWeb(fs.createReadStream(target)) as ReadableStream<Uint8Array>;
  }

  async getRange(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array> | null> {
    checkKey(key);
    checkRange(start, end);
    const target = path.join(this.root, key);
    let size: number;
    try {
      size = (await fs.promises.stat(target)).size;
    } catch {
      return null;
    }
    if (start >= size) throw new EvidenceRangeError(key, start);
    return Readable.toWeb(fs.createReadStream(target, { start, end })) as ReadableStream<Uint8Array>;
  }

  async putIfAbsent(key: string, body: Buffer): Promise<"created" | "exists"> {
    checkKey(key);
    const target = path.join(this.root, key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // Written and flushed under a temporary name, then hard-linked to its key: link() fails when the key exists
    // (an exclusive create, like opening with "wx") and, unlike writing the key in place, never shows a reader, or
    // leaves after a crash, a half-written object that could then never be replaced.
    const partial = `${target}.${crypto.randomBytes(6).toString("hex")}.partial`;
    try {
      const file = await fs.promises.open(partial, "wx");
      try {
        await file.writeFile(body);
        await file.sync();
      } finally {
        await file.close();
      }
      await fs.promises.link(partial, target);
      return "created";
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return "exists";
      throw error;
    } finally {
      await fs.promises.rm(partial, { force: true });
    }
  }

  async listKeys(prefix: string, options: { startAfter?: string } = {}): Promise<string[]> {
    checkPrefix(prefix);
    const folder = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    const keys: string[] = [];
    const walk = async (relative: string): Promise<void> => {
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(path.join(this.root, relative), { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw error;
      }
      for (const entry of entries) {
        const key = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(key);
        else if (entry.isFile() && key.startsWith(prefix) && !PARTIAL.test(key)) keys.push(key);
      }
    };
    await walk(folder);
    const after = options.startAfter;
    return keys.filter((key) => after === undefined || key > after).sort();
  }
}

/**
 * An S3-compatible bucket (AWS S3, MinIO, R2, ...), signed with SigV4 by aws4fetch. The object is buffered to a
 * temporary file first so that its length and SHA-256 are known before the PUT (S3 wants a Content-Length).
 */
export class S3EvidenceStore implements EvidenceStore {
  readonly kind = "s3" as const;
  private readonly client: AwsClient;
  constructor(
    private readonly options: {
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      prefix?: string;
      tmpDir: string;
    },
  ) {
    this.client = new AwsClient({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      region: options.region,
      service: "s3",
    });
  }

  private url(key: string) {
    const base = this.options.endpoint.replace(/\/+$/, "");
    const full = `${this.options.prefix ? `${this.options.prefix.replace(/\/+$/, "")}/` : ""}${key}`;
    return `${base}/${encodeURIComponent(this.options.bucket)}/${full.split("/").map(encodeURIComponent).join("/")}`;
  }

  async put(key: string, body: ReadableStream<Uint8Array>, contentType: string): Promise<StoredObject> {
    checkKey(key);
    await fs.promises.mkdir(this.options.tmpDir, { recursive: true });
    const temp = path.join(this.options.tmpDir, `${crypto.randomUUID()}.partial`);
    const { transform, result } = hasher();
    try {
      await pipeline(
        Readable.fromWeb(body as NodeReadableStream<Uint8Array>),
        transform,
        fs.createWriteStream(temp, { flags: "wx" }),
      );
      const stored = result();
      const response = await this.client.fetch(this.url(key), {
        method: "PUT",
        body: Readable.toWeb(fs.createReadStream(temp)) as ReadableStream,
        headers: {
          "content-type": contentType,
          "content-length": String(stored.size),
          "x-amz-content-sha256": stored.sha256,
        },
        duplex: "half",
      } as RequestInit);
      if (!response.ok) throw new Error(`The evidence bucket refused the upload (HTTP ${response.status}).`);
      await response.body?.cancel();
      return stored;
    } finally {
      await fs.promises.rm(temp, { force: true });
    }
  }

  async get(key: string): Promise<ReadableStream<Uint8Array> | null> {
    checkKey(key);
    const response = await this.client.fetch(this.url(key));
    if (response.status === 404) return null;
    if (!response.ok || !response.body)
      throw new Error(`The evidence bucket did not return the object (HTTP ${response.status}).`);
    return response.body;
  }

  async getRange(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array> | null> {
    checkKey(key);
    checkRange(start, end);
    const response = await this.client.fetch(this.url(key), { headers: { range: `bytes=${start}-${end}` } });
    if (response.status === 404) return null;
    if (response.status === 416) {
      await response.body?.cancel();
      throw new EvidenceRangeError(key, start);
    }
    // 200 would be the whole object (a server that ignores Range): never hand that out as the range.
    if (response.status !== 206 || !response.body) {
      await response.body?.cancel();
      throw new Error(`The evidence bucket did not return the byte range (HTTP ${response.status}).`);
    }
    return response.body;
  }

  /**
   * A conditional write (`If-None-Match: *`): S3 answers 412 when the key exists, and 409 while another conditional
   * write of the same key is in flight (then we ask again). A bucket that ignores the header would overwrite: use
   * one that supports conditional writes (AWS S3, MinIO, R2), and object lock for the strongest guarantee.
   */
  async putIfAbsent(key: string, body: Buffer, contentType: string): Promise<"created" | "exists"> {
    checkKey(key);
    const sha256 = crypto.createHash("sha256").update(body).digest("hex");
    for (let attempt = 1; ; attempt++) {
      const response = await this.client.fetch(this.url(key), {
        method: "PUT",
        body: new Uint8Array(body),
        headers: {
          "content-type": contentType,
          "content-length": String(body.length),
          "x-amz-content-sha256": sha256,
          "if-none-match": "*",
        },
      });
      await response.body?.cancel();
      if (response.ok) return "created";
      if (response.status === 412) return "exists";
      if (response.status !== 409 || attempt >= 3)
        throw new Error(`The evidence bucket refused the upload (HTTP ${response.status}).`);
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }

  /** ListObjectsV2, page by page (1,000 keys each), with this store's prefix added and taken off again. */
  async listKeys(prefix: string, options: { startAfter?: string } = {}): Promise<string[]> {
    checkPrefix(prefix);
    if (options.startAfter !== undefined) checkKey(options.startAfter);
    const own = this.options.prefix ? `${this.options.prefix.replace(/\/+$/, "")}/` : "";
    const keys: string[] = [];
    let continuation: string | null = null;
    for (let page = 0; page < 100_000; page++) {
      const query = new URLSearchParams({ "list-type": "2", prefix: own + prefix });
      if (continuation) query.set("continuation-token", continuation);
      else if (options.startAfter !== undefined) query.set("start-after", own + options.startAfter);
      const base = this.options.endpoint.replace(/\/+$/, "");
      const response = await this.client.fetch(`${base}/${encodeURIComponent(this.options.bucket)}?${query}`);
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`The evidence bucket did not list its objects (HTTP ${response.status}).`);
      }
      const xml = new DOMParser().parseFromString(await response.text(), "text/xml");
      const text = (parent: Pick<XmlDocument, "getElementsByTagName">, name: string) =>
        parent.getElementsByTagName(name).item(0)?.textContent ?? null;
      const contents = xml.getElementsByTagName("Contents");
      for (let i = 0; i < contents.length; i++) {
        const key = text(contents.item(i)!, "Key");
        if (key?.startsWith(own)) keys.push(key.slice(own.length));
      }
      continuation = text(xml, "IsTruncated") === "true" ? text(xml, "NextContinuationToken") : null;
      if (!continuation) return keys;
    }
    throw new Error("The evidence bucket kept answering with more pages than Certdesk reads.");
  }
}

let store: EvidenceStore | undefined;

export function evidenceStore(): EvidenceStore {
  if (store) return store;
  const c = config();
  const dataDir = path.resolve(c.CERTDESK_DATA_DIR);
  if (c.EVIDENCE_S3_BUCKET) {
    if (!c.EVIDENCE_S3_ENDPOINT || !c.EVIDENCE_S3_ACCESS_KEY_ID || !c.EVIDENCE_S3_SECRET_ACCESS_KEY)
      throw new Error(
        "EVIDENCE_S3_BUCKET needs EVIDENCE_S3_ENDPOINT, EVIDENCE_S3_ACCESS_KEY_ID and EVIDENCE_S3_SECRET_ACCESS_KEY.",
      );
    store = new S3EvidenceStore({
      endpoint: c.EVIDENCE_S3_ENDPOINT,
      bucket: c.EVIDENCE_S3_BUCKET,
      region: c.EVIDENCE_S3_REGION,
      accessKeyId: c.EVIDENCE_S3_ACCESS_KEY_ID,
      secretAccessKey: c.EVIDENCE_S3_SECRET_ACCESS_KEY,
      prefix: c.EVIDENCE_S3_PREFIX,
      tmpDir: path.join(dataDir, "evidence-tmp"),
    });
  } else {
    store = new LocalEvidenceStore(
      c.EVIDENCE_DIR ? path.resolve(c.EVIDENCE_DIR) : path.join(dataDir, "evidence"),
    );
  }
  return store;
}
