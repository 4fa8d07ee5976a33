// The public API's certification endpoints over the route handlers, against the TrueScreen sandbox over real HTTP:
// certify digests once per Idempotency-Key, read, list, download an archived artifact with its SHA-256, the bundle,
// hostile input, and another tenant's ids answering like missing ones.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TrueScreenSandbox } from "@/sandbox/truescreen/truescreen-sandbox";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { systemDb } from "@/lib/db/client";
import { evidenceStore } from "@/lib/evidence/evidence-store";
import { problemType } from "@/lib/api/problem";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { call, newApiToken } from "@/scripts/test/api-calls";
import { createTenantWithOwner } from "@/scripts/test/factories";
import * as certifications from "./route";
import * as certificationById from "./[id]/route";
import * as artifact from "./[id]/artifacts/[kind]/route";
import * as bundle from "./[id]/bundle/route";

vi.mock("server-only", () => ({}));

let sandbox: TrueScreenSandbox;

beforeAll(async () => {
  process.env.EVIDENCE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-api-evidence-"));
  sandbox = new TrueScreenSandbox({ port: 0, dataDir: null, processingMs: 200 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
});

async function newTenant() {
  const key = sandbox.createKey({ credits: 100 });
  const { actor, tenant } = await createTenantWithOwner();
  await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
  await saveTenantSecret(actor, "truescreen.webhook_secret", key.webhook_secret);
  return { actor, tenant, key };
}

const digest = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

/** A completed certification with one archived data artifact, as the archiver leaves it. */
async function archived(tenantId: string) {
  const bytes = Buffer.from('{"hello":"evidence"}');
  const certification = await systemDb.certification.create({
    data: {
      tenantId,
      title: "Archived",
      mode: "hash",
      status: "completed",
      reportId: crypto.randomUUID(),
      fileCount: 1,
      completedAt: new Date(),
      archivedAt: new Date(),
      files: { create: [{ tenantId, position: 0, fileName: "a.pdf", sha256: digest("a") }] },
    },
  });
  const storageKey = `${tenantId}/${certification.id}/data-0`;
  await evidenceStore().putIfAbsent(storageKey, bytes, "application/json");
  await systemDb.certificationArtifact.create({
    data: {
      tenantId,
      certificationId: certification.id,
      type: "data",
      position: 0,
      fileName: "data.json",
      contentType: "application/json",
      storageKey,
      sha256: digest(bytes.toString()),
      size: BigInt(bytes.length),
    },
  });
  return { certification, bytes };
}

describe("/api/v1/certifications", () => {
  it("certifies digests once per key, lists and reads the certification", async () => {
    const { actor, tenant } = await newTenant();
    const token = await newApiToken(actor, ["certifications:read", "certifications:write"]);
    const body = {
      title: "Contract 42",
      files: [{ name: "contract.pdf", sha256: digest("contract").toUpperCase() }],
      metadata: [{ key: "matter", value: "42" }],
    };
    const key = crypto.randomUUID();
    const created = await call(certifications.POST, "POST", { token, body, key });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: "pending", message: null });
    const replay = await call(certifications.POST, "POST", { token, body, key });
    expect(replay.json).toEqual(created.json);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const reused = await call(certifications.POST, "POST", { token, body: { ...body, title: "Other" }, key });
    expect(reused.status).toBe(422);
    expect(await systemDb.certification.count({ where: { tenantId: tenant.id } })).toBe(1);

    const detail = await call(certificationById.GET, "GET", { token }, { id: created.json.id });
    expect(detail.json).toMatchObject({
      title: "Contract 42",
      mode: "hash",
      metadata: { matter: "42" },
      files: [{ position: 0, name: "contract.pdf", sha256: digest("contract") }],
      createdBy: expect.stringMatching(/^API token "/),
    });
    const listed = await call(certifications.GET, "GET", {
      token,
      path: `/api/v1/certifications?q=${digest("contract")}`,
    });
    expect(listed.json.data.map((row: { id: string }) => row.id)).toEqual([created.json.id]);
    expect(
      (await call(certifications.GET, "GET", { token, path: "/api/v1/certifications?status=lost" })).status,
    ).toBe(400);
    // Not archived, not completed: no artifact yet.
    const early = await call(artifact.GET, "GET", { token }, { id: created.json.id, kind: "data" });
    expect(early.status).toBe(409);
    expect(early.json.type).toBe(problemType("not-ready"));
  });

  it("refuses digests that are not SHA-256 and bodies that are too large, spending nothing", async () => {
    const { actor, tenant } = await newTenant();
    const token = await newApiToken(actor, ["certifications:write"]);
    const bad = await call(certifications.POST, "POST", {
      token,
      body: { title: "x", files: [{ name: "a", sha256: "abc" }] },
      key: crypto.randomUUID(),
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe("files.0.sha256");
    const tooMany = await call(certifications.POST, "POST", {
      token,
      body: {
        title: "x",
        files: Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}`, sha256: digest(String(i)) })),
      },
      key: crypto.randomUUID(),
    });
    expect(tooMany.status).toBe(400);
    const huge = await call(certifications.POST, "POST", {
      token,
      body: { title: "x".repeat(3 * 1024 * 1024), files: [] },
      key: crypto.randomUUID(),
    });
    expect(huge.status).toBe(413);
    expect(await systemDb.certification.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("downloads an archived artifact with its SHA-256, and the bundle", async () => {
    const { actor, tenant } = await newTenant();
    const token = await newApiToken(actor, ["certifications:read"]);
    const { certification, bytes } = await archived(tenant.id);
    const download = await call(artifact.GET, "GET", { token }, { id: certification.id, kind: "data" });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.response.arrayBuffer())).toEqual(bytes);
    expect(download.headers.get("x-content-sha256")).toBe(digest(bytes.toString()));
    const unknownKind = await call(artifact.GET, "GET", { token }, { id: certification.id, kind: "../etc" });
    expect(unknownKind.status).toBe(400);
    const badPosition = await call(
      artifact.GET,
      "GET",
      { token, path: "/api/v1/x?position=-1" },
      { id: certification.id, kind: "data" },
    );
    expect(badPosition.status).toBe(400);
    const zip = await call(bundle.GET, "GET", { token }, { id: certification.id });
    expect(zip.status).toBe(200);
    expect(
      Buffer.from(await zip.response.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    const audit = await systemDb.auditEntry.findFirst({
      where: { tenantId: tenant.id, action: "certification.artifact_downloaded" },
    });
    expect(audit?.actorEmail).toMatch(/^API token "/);
  });

  it("serves byte ranges of an archived artifact, so a large download resumes, and refuses ranges past its end", async () => {
    const { actor, tenant } = await newTenant();
    const token = await newApiToken(actor, ["certifications:read"]);
    const { certification, bytes } = await archived(tenant.id);
    const get = (headers: Record<string, string>) =>
      call(artifact.GET, "GET", { token, headers }, { id: certification.id, kind: "data" });
    const sha256 = digest(bytes.toString());

    const whole = await get({});
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    const etag = whole.headers.get("etag")!;
    expect(etag).toBe(`"${sha256}"`);

    // The first 5 bytes, then the rest with If-Range: put together, the artifact's recorded SHA-256.
    const head = await get({ range: "bytes=0-4" });
    expect(head.status).toBe(206);
    expect(head.headers.get("content-range")).toBe(`bytes 0-4/${bytes.length}`);
    expect(head.headers.get("content-length")).toBe("5");
    expect(head.headers.get("x-content-sha256")).toBe(sha256);
    const headBytes = Buffer.from(await head.response.arrayBuffer());
    const rest = await get({ range: "bytes=5-", "if-range": etag });
    expect(rest.status).toBe(206);
    const joined = Buffer.concat([headBytes, Buffer.from(await rest.response.arrayBuffer())]);
    expect(crypto.createHash("sha256").update(joined).digest("hex")).toBe(sha256);

    const tail = await get({ range: "bytes=-3" });
    expect(Buffer.from(await tail.response.arrayBuffer()).toString()).toBe(bytes.subarray(-3).toString());

    // Past the end: 416 naming the size, as a problem document.
    const past = await get({ range: `bytes=${bytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
    expect(past.json.type).toBe(problemType("range-not-satisfiable"));

    // What it does not serve gets the whole file: several ranges, garbage, another version's If-Range.
    for (const headers of [
      { range: "bytes=0-1,3-4" } as Record<string, string>,
      { range: "bytes=oops" },
      { range: "bytes=0-4", "if-range": `"${"0".repeat(64)}"` },
    ]) {
      const answer = await get(headers);
      expect(answer.status).toBe(200);
      expect(Buffer.from(await answer.response.arrayBuffer())).toEqual(bytes);
    }

    // Each part is audited with its range.
    const audited = await systemDb.auditEntry.findMany({
      where: { tenantId: tenant.id, action: "certification.artifact_downloaded" },
      select: { details: true },
    });
    expect(audited.map((entry) => (entry.details as { range?: string }).range).filter(Boolean)).toEqual(
      expect.arrayContaining([`bytes 0-4/${bytes.length}`, `bytes 5-${bytes.length - 1}/${bytes.length}`]),
    );
  });

  it("answers another tenant's certification like a missing one on every route", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { certification } = await archived(b.tenant.id);
    const token = await newApiToken(a.actor, ["certifications:read"]);
    const missing = crypto.randomUUID();
    const routes = [
      (id: string) => call(certificationById.GET, "GET", { token }, { id }),
      (id: string) => call(artifact.GET, "GET", { token }, { id, kind: "data" }),
      (id: string) => call(bundle.GET, "GET", { token }, { id }),
    ];
    for (const route of routes) {
      const foreign = await route(certification.id);
      const absent = await route(missing);
      expect(foreign.status).toBe(404);
      expect(foreign.json).toEqual(absent.json);
    }
    const listed = await call(certifications.GET, "GET", {
      token,
      path: `/api/v1/certifications?q=${digest("a")}`,
    });
    expect(listed.json.data).toEqual([]);
  });
});
