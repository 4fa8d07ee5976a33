// The S3 evidence store against a real S3-compatible server started here: s3rver (npm), which stores objects on
// disk, answers S3's XML errors, honours Range, and checks that the request is signed by an access key it knows.
// Why s3rver and not moto: pip is not reachable on these machines, s3rver installs from npm like everything else.
// What s3rver does not check: the SigV4 signature itself (its v4 verification is unimplemented: a wrong secret key
// passes), and conditional writes (`If-None-Match: *` on a PUT is ignored); those two stay covered by the
// bucket-shaped server in evidence-store.test.ts. Then an evidence bundle: a real certification (TrueScreen
// sandbox), archived into the s3rver bucket by the worker's job, bundled from it and checked with sha256sum -c.
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCertificationBundle } from "@/lib/bundles/build-certification-bundle";
import { hashCertificationInput } from "@/lib/certifications/certification-input";
import { certifyHashes } from "@/lib/certifications/certify-hashes";
import { getCertificationDetail } from "@/lib/certifications/get-certification-detail";
import { reloadConfig } from "@/lib/config";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { updateConnection } from "@/lib/connections/update-connection";
import { archiveDueCertifications } from "@/lib/jobs/archive-due-certifications";
import { pollDueCertifications } from "@/lib/jobs/poll-due-certifications";
import { TrueScreenSandbox } from "@/sandbox/truescreen/truescreen-sandbox";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { EvidenceRangeError, evidenceStore, S3EvidenceStore, type EvidenceStore } from "./evidence-store";

const temp: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temp.push(dir);
  return dir;
};

const BUCKET = "evidence";
let s3: S3rver;
let bucketDir: string;
let endpoint: string;

beforeAll(async () => {
  bucketDir = tempDir("s3rver-");
  s3 = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: bucketDir,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await s3.close();
  for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
});

/** s3rver's one account: access key S3RVER, secret S3RVER. */
function store(overrides: { accessKeyId?: string; prefix?: string } = {}) {
  return new S3EvidenceStore({
    endpoint,
    bucket: BUCKET,
    region: "us-east-1",
    accessKeyId: overrides.accessKeyId ?? "S3RVER",
    secretAccessKey: "S3RVER",
    prefix: overrides.prefix ?? "certdesk",
    tmpDir: tempDir("s3-tmp-"),
  });
}

const stream = (data: Buffer) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < data.length; i += 4096) controller.enqueue(data.subarray(i, i + 4096));
      controller.close();
    },
  });

const bytes = async (body: ReadableStream<Uint8Array> | null) =>
  body ? Buffer.from(await new Response(body).arrayBuffer()) : null;

const data = crypto.randomBytes(300_001);
const sha256 = (value: Buffer | string) => crypto.createHash("sha256").update(value).digest("hex");

describe("S3EvidenceStore against s3rver", () => {
  it("puts an object under bucket/prefix/key with its SHA-256 and size, and gets the same bytes back", async () => {
    const s = store();
    expect(await s.put("t1/c1/report-0", stream(data), "application/pdf")).toEqual({
      sha256: sha256(data),
      size: data.length,
    });
    expect((await bytes(await s.get("t1/c1/report-0")))!.equals(data)).toBe(true);
    // Stored by the server under the store's prefix, not beside it.
    expect(await store({ prefix: "elsewhere" }).get("t1/c1/report-0")).toBeNull();
  });

  it("reads byte ranges (206), up to the end when the range runs past it, and refuses a start past the end", async () => {
    const s = store();
    await s.put("t1/c1/range-0", stream(data), "application/octet-stream");
    expect((await bytes(await s.getRange("t1/c1/range-0", 0, 9)))!.equals(data.subarray(0, 10))).toBe(true);
    expect(
      (await bytes(await s.getRange("t1/c1/range-0", 123_456, 200_000)))!.equals(
        data.subarray(123_456, 200_001),
      ),
    ).toBe(true);
    expect(
      (await bytes(await s.getRange("t1/c1/range-0", data.length - 5, data.length + 1000)))!.equals(
        data.subarray(data.length - 5),
      ),
    ).toBe(true);
    await expect(s.getRange("t1/c1/range-0", data.length + 10, data.length + 20)).rejects.toBeInstanceOf(
      EvidenceRangeError,
    );
    await expect(s.getRange("t1/c1/range-0", 10, 5)).rejects.toThrow(/Invalid byte range/);
  });

  it("answers null for a missing object (get and range), and an error for a missing bucket", async () => {
    const s = store();
    expect(await s.get("t1/none/data-0")).toBeNull();
    expect(await s.getRange("t1/none/data-0", 0, 10)).toBeNull();
    const noBucket = new S3EvidenceStore({
      endpoint,
      bucket: "no-such-bucket",
      region: "us-east-1",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      tmpDir: tempDir("s3-tmp-"),
    });
    await expect(noBucket.put("t1/c1/data-0", stream(data), "application/json")).rejects.toThrow(
      /refused the upload \(HTTP 404\)/,
    );
    await expect(noBucket.listKeys("t1/")).rejects.toThrow(/did not list its objects \(HTTP 404\)/);
  });

  it("is refused with credentials the server does not know, for writes, reads and lists alike", async () => {
    const s = store({ accessKeyId: "AKIAWRONGKEY" });
    await expect(s.put("t1/c1/data-1", stream(data), "application/json")).rejects.toThrow(
      /refused the upload \(HTTP 403\)/,
    );
    await expect(s.get("t1/c1/report-0")).rejects.toThrow(/HTTP 403/);
    await expect(s.getRange("t1/c1/report-0", 0, 1)).rejects.toThrow(/HTTP 403/);
    await expect(s.listKeys("t1/")).rejects.toThrow(/HTTP 403/);
    await expect(s.putIfAbsent("anchors/x/1.json", Buffer.from("{}"), "application/json")).rejects.toThrow(
      /HTTP 403/,
    );
    // Nothing was written by the refused calls.
    expect(await store().get("t1/c1/data-1")).toBeNull();
  });

  it("lists keys under a prefix in order with the store's prefix taken off, after a key when asked", async () => {
    const s = store({ prefix: "listing" });
    for (const seq of ["0000000003", "0000000001", "0000000002"])
      expect(await s.putIfAbsent(`anchors/t1/${seq}.json`, Buffer.from(seq), "application/json")).toBe(
        "created",
      );
    await s.putIfAbsent("anchors/t2/0000000001.json", Buffer.from("other"), "application/json");
    expect(await s.listKeys("anchors/t1/")).toEqual([
      "anchors/t1/0000000001.json",
      "anchors/t1/0000000002.json",
      "anchors/t1/0000000003.json",
    ]);
    expect(await s.listKeys("anchors/t1/", { startAfter: "anchors/t1/0000000001.json" })).toEqual([
      "anchors/t1/0000000002.json",
      "anchors/t1/0000000003.json",
    ]);
    expect(await s.listKeys("anchors/none/")).toEqual([]);
  });
});

describe("an evidence bundle streamed from the s3rver bucket", () => {
  let sandbox: TrueScreenSandbox;

  beforeAll(async () => {
    process.env.NEXTAUTH_URL ??= "http://127.0.0.1:9";
    process.env.CERTDESK_DATA_DIR = tempDir("certdesk-data-");
    process.env.EVIDENCE_S3_BUCKET = BUCKET;
    process.env.EVIDENCE_S3_ENDPOINT = endpoint;
    process.env.EVIDENCE_S3_ACCESS_KEY_ID = "S3RVER";
    process.env.EVIDENCE_S3_SECRET_ACCESS_KEY = "S3RVER";
    process.env.EVIDENCE_S3_PREFIX = "bundles";
    reloadConfig();
    sandbox = new TrueScreenSandbox({ port: 0, dataDir: null, processingMs: 200 });
    await sandbox.start();
    allowSandboxOrigins(sandbox.baseUrl);
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  it("archives a completed certification into the bucket and bundles it from there, checksums intact", async () => {
    const configured: EvidenceStore = evidenceStore();
    expect(configured.kind).toBe("s3");

    const key = sandbox.createKey({ credits: 10 });
    await fetch(`${sandbox.baseUrl}/sandbox/keys/${key.api_key}`, {
      method: "PATCH",
      body: JSON.stringify({ faults: { webhook: { drop: true } } }),
    });
    const { actor } = await createTenantWithOwner();
    await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
    await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
    await saveTenantSecret(actor, "truescreen.webhook_secret", key.webhook_secret);
    const created = await certifyHashes(
      actor,
      hashCertificationInput.parse({ title: "S3 bundle", files: [{ name: "a.bin", sha256: sha256("a") }] }),
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      await pollDueCertifications();
      const c = await getCertificationDetail(actor, created.id);
      if (c?.status === "completed" || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await archiveDueCertifications();
    const certification = (await getCertificationDetail(actor, created.id))!;
    expect(certification.archivedAt).not.toBeNull();

    // The artifacts are in s3rver's bucket under the configured prefix, and not in a local evidence folder.
    const listed = await configured.listKeys("");
    expect(listed.length).toBeGreaterThanOrEqual(3);
    expect(fs.existsSync(path.join(process.env.CERTDESK_DATA_DIR!, "evidence"))).toBe(false);

    const download = await buildCertificationBundle(actor, certification.id);
    const dir = tempDir("s3-bundle-");
    const zip = path.join(dir, download.filename);
    await pipeline(
      Readable.fromWeb(download.body as unknown as NodeReadableStream<Uint8Array>),
      fs.createWriteStream(zip),
    );
    const out = path.join(dir, "bundle");
    execFileSync("unzip", ["-q", zip, "-d", out]);
    const sums = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: out, encoding: "utf8" });
    expect(sums.status, sums.stderr).toBe(0);
    const files = fs.readdirSync(out);
    expect(files.some((name) => name.endsWith("-signed.xml"))).toBe(true);
    expect(files.some((name) => name.endsWith("-report.pdf"))).toBe(true);
    // The bundled PDF is byte for byte the object in the bucket.
    const pdfKey = listed.find((k) => k.includes(certification.id) && /report/.test(k))!;
    const pdf = files.find((name) => name.endsWith("-report.pdf"))!;
    expect(sha256(fs.readFileSync(path.join(out, pdf)))).toBe(
      sha256((await bytes(await configured.get(pdfKey)))!),
    );
  }, 90_000);
});
