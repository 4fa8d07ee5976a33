// Evidence storage: the local folder (atomic writes, SHA-256 and size from the bytes, ranges, unsafe keys refused),
// and the two things of the S3 store that s3rver, the real S3-compatible server of evidence-store-s3rver.test.ts
// (put, get, range, missing, wrong credentials, a bundle), does not do: conditional writes (`If-None-Match: *`, 412
// when the key exists) and ListObjectsV2 pages (s3rver pages at 1,000 keys). For those, a bucket-shaped HTTP server
// that checks the SigV4 authorization header's shape and the payload hash, in the XML shape of AWS's API reference.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EvidenceRangeError,
  LocalEvidenceStore,
  S3EvidenceStore,
  type EvidenceStore,
} from "./evidence-store";

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

  it("reads byte ranges, to the end when the range runs past it, null when missing", async () => {
    await store.put("t1/c1/range-0", stream(data), "application/octet-stream");
    const range = async (start: number, end: number) =>
      Buffer.from(await new Response(await store.getRange("t1/c1/range-0", start, end)).arrayBuffer());
    expect((await range(0, 9)).equals(data.subarray(0, 10))).toBe(true);
    expect((await range(100, data.length + 50)).equals(data.subarray(100))).toBe(true);
    await expect(store.getRange("t1/c1/range-0", data.length, data.length + 1)).rejects.toBeInstanceOf(
      EvidenceRangeError,
    );
    await expect(store.getRange("t1/c1/range-0", 5, 4)).rejects.toThrow(/Invalid byte range/);
    expect(await store.getRange("t1/c1/none", 0, 1)).toBeNull();
    await expect(store.getRange("../x", 0, 1)).rejects.toThrow(/Unsafe evidence key/);
  });

  it("refuses keys that could leave the folder", async () => {
    for (const key of ["../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "a\\b", ""])
      await expect(store.put(key, stream(data), "x")).rejects.toThrow(/Unsafe evidence key/);
  });

  it("creates an object only once: a second write, even with other bytes, leaves the first as it was", async () => {
    expect(
      await store.putIfAbsent("anchors/t1/0000000007.json", Buffer.from("first"), "application/json"),
    ).toBe("created");
    expect(
      await store.putIfAbsent("anchors/t1/0000000007.json", Buffer.from("second"), "application/json"),
    ).toBe("exists");
    expect((await read(store, "anchors/t1/0000000007.json"))!.toString()).toBe("first");
    expect(fs.readdirSync(path.join(root, "anchors/t1"))).toEqual(["0000000007.json"]);
  });

  it("lets exactly one of many concurrent writers of a key create it", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.putIfAbsent("anchors/race/0000000001.json", Buffer.from(`writer ${i}`), "application/json"),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "created")).toHaveLength(1);
    const winner = outcomes.indexOf("created");
    expect((await read(store, "anchors/race/0000000001.json"))!.toString()).toBe(`writer ${winner}`);
    expect(fs.readdirSync(path.join(root, "anchors/race"))).toEqual(["0000000001.json"]);
  });

  it("lists the keys under a prefix in order, after a key when asked, without partial files", async () => {
    for (const seq of ["0000000010", "0000000002", "0000000009"])
      await store.putIfAbsent(`list/t1/${seq}.json`, Buffer.from(seq), "application/json");
    await store.putIfAbsent("list/t2/0000000001.json", Buffer.from("other"), "application/json");
    fs.writeFileSync(path.join(root, "list/t1/0000000011.json.0123456789ab.partial"), "half");
    expect(await store.listKeys("list/t1/")).toEqual([
      "list/t1/0000000002.json",
      "list/t1/0000000009.json",
      "list/t1/0000000010.json",
    ]);
    expect(await store.listKeys("list/t1/", { startAfter: "list/t1/0000000002.json" })).toEqual([
      "list/t1/0000000009.json",
      "list/t1/0000000010.json",
    ]);
    expect(await store.listKeys("list/")).toHaveLength(4);
    expect(await store.listKeys("list/none/")).toEqual([]);
    await expect(store.listKeys("../")).rejects.toThrow(/Unsafe evidence prefix/);
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
  /** ListObjectsV2 of bucket "evidence", two keys a page (S3 pages at 1,000; two makes the test page). */
  const listObjectsV2 = (url: URL) => {
    const prefix = url.searchParams.get("prefix") ?? "";
    const after = url.searchParams.get("continuation-token") ?? url.searchParams.get("start-after") ?? "";
    const keys = [...objects.keys()]
      .filter((path) => path.startsWith("/evidence/"))
      .map((path) => path.slice("/evidence/".length))
      .filter((key) => key.startsWith(prefix) && key > after)
      .sort();
    const page = keys.slice(0, 2);
    const truncated = keys.length > 2;
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Name>evidence</Name><Prefix>${prefix}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>2</MaxKeys>` +
      `<IsTruncated>${truncated}</IsTruncated>` +
      page
        .map(
          (key) =>
            `<Contents><Key>${key}</Key><LastModified>2026-11-24T00:00:00.000Z</LastModified><ETag>"x"</ETag>` +
            `<Size>${objects.get(`/evidence/${key}`)!.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
        )
        .join("") +
      (truncated ? `<NextContinuationToken>${page[page.length - 1]}</NextContinuationToken>` : "") +
      "</ListBucketResult>"
    );
  };
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
        const url = new URL(request.url!, "http://bucket.test");
        if (request.method === "GET" && url.searchParams.get("list-type") === "2") {
          response.writeHead(200, { "content-type": "application/xml" }).end(listObjectsV2(url));
          return;
        }
        if (
          request.method === "PUT" &&
          request.headers["if-none-match"] === "*" &&
          objects.has(request.url!)
        ) {
          response.writeHead(412).end("<Error><Code>PreconditionFailed</Code></Error>");
          return;
        }
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

  it("creates an object with If-None-Match: * and reports an existing one instead of overwriting it", async () => {
    expect(
      await store.putIfAbsent("anchors/t1/0000000001.json", Buffer.from("first"), "application/json"),
    ).toBe("created");
    const put = seen[seen.length - 1]!;
    expect(put["if-none-match"]).toBe("*");
    expect(put["content-length"]).toBe("5");
    expect(
      await store.putIfAbsent("anchors/t1/0000000001.json", Buffer.from("second"), "application/json"),
    ).toBe("exists");
    expect(objects.get("/evidence/certdesk/anchors/t1/0000000001.json")!.toString()).toBe("first");
  });

  it("lists keys under a prefix through every page, with the store's own prefix taken off", async () => {
    for (const seq of ["0000000004", "0000000002", "0000000003", "0000000010", "0000000005"])
      await store.putIfAbsent(`anchors/t2/${seq}.json`, Buffer.from(seq), "application/json");
    await store.putIfAbsent("anchors/t3/0000000001.json", Buffer.from("other"), "application/json");
    expect(await store.listKeys("anchors/t2/")).toEqual(
      ["0000000002", "0000000003", "0000000004", "0000000005", "0000000010"].map(
        (seq) => `anchors/t2/${seq}.json`,
      ),
    );
    expect(await store.listKeys("anchors/t2/", { startAfter: "anchors/t2/0000000004.json" })).toEqual([
      "anchors/t2/0000000005.json",
      "anchors/t2/0000000010.json",
    ]);
    expect(await store.listKeys("anchors/none/")).toEqual([]);
  });
});
