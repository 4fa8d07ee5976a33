// Evidence storage: where archived TrueScreen artifacts are kept. A local folder under CERTDESK_DATA_DIR by
// default; an S3-compatible bucket when EVIDENCE_S3_BUCKET is set. Objects are written once, under keys that Certdesk
// chooses (tenant/certification/artifact), and their SHA-256 and size are computed from the bytes as they stream by.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
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
}

const safeKey = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
function checkKey(key: string) {
  if (!safeKey.test(key) || key.split("/").some((part) => part === "." || part === ".."))
    throw new Error(`Unsafe evidence key: ${key}`);
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
        Readable.fromWeb(body as never),
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
      await pipeline(Readable.fromWeb(body as never), transform, fs.createWriteStream(temp, { flags: "wx" }));
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
