// Evidence storage: the local folder (atomic writes, SHA-256 and size from the bytes, unsafe keys refused) and the
// S3-compatible store against a real HTTP server that checks what a bucket checks first (SigV4 authorization header,
// payload hash, length) and stores the bytes.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEvidenceStore, S3EvidenceStore, type EvidenceStore } from "./evidence-store";

const stream = (data: Buffer) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < data.length; i += 1000) controller.enqueue(data.subarray(i, i + 1000));
      controller.close();
    },
  });

async function read(store: EvidenceStore, key: string) {
  const body = await store.get(key);
  if (!body) return null;
  return Buffer.from(await new Response(body).arrayBuffer());
}

const data = crypto.randomBytes(123_457);
const sha256 = crypto.createHash("sha256").update(data).digest("hex");

describe("LocalEvidenceStore", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "evidence-local-"));
  const store: EvidenceStore = new LocalEvidenceStore(root);

  it("stores the bytes and reports their SHA-256 and size; leaves no partial file", async () => {
    expect(await store.put("t1/c1/data-0", stream(data), "application/json")).toEqual({
      sha256,
      size: data.length,
    });
    expect((await read(store, "t1/c1/data-0"))!.equals(data)).toBe(true);
    expect(fs.readdirSync(path.join(root, "t1/c1"))).toEqual(["data-0"]);
    expect(await read(store, "t1/c1/missing")).toBeNull();
  });

  it("refuses keys that could leave the folder", async () => {
    for (const key of ["../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "a\\b", ""])
      await expect(store.put(key, stream(data), "x")).rejects.toThrow(/Unsafe evidence key/);
  });

  it("removes the partial file when the download fails midway", async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("connection reset"));
      },
    });
    await expect(store.put("t1/c2/report-0", failing, "application/pdf")).rejects.toThrow("connection reset");
    expect(fs.existsSync(path.join(root, "t1/c2/report-0"))).toBe(false);
    expect(fs.readdirSync(path.join(root, "t1/c2"))).toEqual([]);
  });
});

describe("S3EvidenceStore", () => {
  const objects = new Map<string, Buffer>();
  const seen: http.IncomingHttpHeaders[] = [];
  let server: http.Server;
  let store: S3EvidenceStore;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      seen.push(request.headers);
      const auth = request.headers.authorization ?? "";
      if (
        !/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/.test(
          auth,
        )
      ) {
        response.writeHead(403).end("<Error><Code>AccessDenied</Code></Error>");
        return;
      }
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", () => {
        if (request.method === "PUT") {
          const body = Buffer.concat(chunks);
          const claimed = request.headers["x-amz-content-sha256"];
          if (claimed !== crypto.createHash("sha256").update(body).digest("hex")) {
            response.writeHead(400).end("<Error><Code>XAmzContentSHA256Mismatch</Code></Error>");
            return;
          }
          objects.set(request.url!, body);
          response.writeHead(200, { etag: '"x"' }).end();
        } else if (objects.has(request.url!)) {
          response.writeHead(200).end(objects.get(request.url!));
        } else {
          response.writeHead(404).end("<Error><Code>NoSuchKey</Code></Error>");
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    store = new S3EvidenceStore({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      bucket: "evidence",
      region: "eu-west-1",
      accessKeyId: "AKIDTEST",
      secretAccessKey: "secret",
      prefix: "certdesk",
      tmpDir: fs.mkdtempSync(path.join(os.tmpdir(), "evidence-s3-tmp-")),
    });
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("PUTs signed objects under bucket/prefix/key with their SHA-256 and length, and GETs them back", async () => {
    expect(await store.put("t1/c1/xml-0", stream(data), "application/xml")).toEqual({
      sha256,
      size: data.length,
    });
    expect([...objects.keys()]).toEqual(["/evidence/certdesk/t1/c1/xml-0"]);
    const put = seen.find((h) => h["content-type"] === "application/xml")!;
    expect(put["content-length"]).toBe(String(data.length));
    expect((await read(store, "t1/c1/xml-0"))!.equals(data)).toBe(true);
    expect(await read(store, "t1/c1/none")).toBeNull();
  });

  it("reports a refused upload as an error", async () => {
    const refusing = new S3EvidenceStore({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      bucket: "evidence",
      region: "us-east-1",
      accessKeyId: "OTHER",
      secretAccessKey: "secret",
      tmpDir: os.tmpdir(),
    });
    await expect(refusing.put("t1/c1/data-0", stream(data), "application/json")).rejects.toThrow(
      /refused the upload \(HTTP 403\)/,
    );
  });
});
