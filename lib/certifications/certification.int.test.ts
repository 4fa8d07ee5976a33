// Certifications against the TrueScreen sandbox over real HTTP, with real signed webhooks delivered to a real HTTP
// server that runs the same receiver as the Next.js route, a real PostgreSQL and real evidence storage on disk.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrueScreenSandbox, type ApiKey } from "@/sandbox/truescreen/truescreen-sandbox";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { evidenceStore } from "@/lib/evidence/evidence-store";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { hashCertificationInput } from "./certification-input";
import { certifyHashes } from "./certify-hashes";
import { certifyHashesAgain } from "./certify-hashes-again";
import { certifyUploadedFiles } from "./certify-uploaded-files";
import { registerUploadsAgain } from "./register-uploads-again";
import { startFileCertification } from "./start-file-certification";
import { startQueue } from "@/lib/jobs/claim-batch-queue";
import { runCertificationFollower } from "@/lib/jobs/certification-follower";
import { archiveDueCertifications } from "@/lib/jobs/archive-due-certifications";
import { pollDueCertifications } from "@/lib/jobs/poll-due-certifications";
import type { TenantContext } from "@/lib/core/tenant-context";
import { getCertificationDetail } from "./get-certification-detail";
import { certificationWebhookToken } from "./certification-webhook-token";
import { receiveTrueScreenWebhook } from "@/lib/jobs/receive-truescreen-webhook";
import tsWebhooks from "@/lib/truescreen/fixtures/webhooks.json";

let sandbox: TrueScreenSandbox;
let receiver: http.Server;
const received: Array<{ status: number; message: string }> = [];

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const token = decodeURIComponent(request.url!.split("/").pop()!);
      const headers: Record<string, string> = {};
      for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
        const value = request.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const answer = await receiveTrueScreenWebhook(token, headers, Buffer.concat(chunks).toString("utf8"));
      received.push({ status: answer.status, message: answer.body.message });
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  // The webhook URL sent to TrueScreen is built from the public URL: this receiver's.
  process.env.NEXTAUTH_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  process.env.EVIDENCE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-evidence-"));
  sandbox = new TrueScreenSandbox({
    port: 0,
    dataDir: null,
    processingMs: 300,
    webhookRetryDelaysMs: [0, 300],
  });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

async function tenant(credits = 100) {
  const key = sandbox.createKey({ credits });
  const { actor, tenant } = await createTenantWithOwner();
  await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
  await saveTenantSecret(actor, "truescreen.webhook_secret", key.webhook_secret);
  const connection = await systemDb.tenantConnection.findFirstOrThrow({
    where: { tenantId: tenant.id, service: "truescreen" },
  });
  return { actor, tenant, key, token: connection.webhookToken };
}

async function setFaults(key: ApiKey, faults: object) {
  const response = await fetch(`${sandbox.baseUrl}/sandbox/keys/${key.api_key}`, {
    method: "PATCH",
    body: JSON.stringify({ faults }),
  });
  expect(response.ok).toBe(true);
}

async function sandboxCertifications(key: ApiKey) {
  const all = (await (await fetch(`${sandbox.baseUrl}/sandbox/certifications`)).json()) as Array<{
    apiKey: string;
    report_id: string;
    webhook_url: string | null;
  }>;
  return all.filter((c) => c.apiKey === key.api_key);
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sha256 = (data: Buffer | string) => crypto.createHash("sha256").update(data).digest("hex");
const hashInput = (files: Array<{ name: string; content: string }>, title = "Evidence") =>
  hashCertificationInput.parse({
    title,
    metadata: [{ key: "case_number", value: "2026/001" }],
    files: files.map((f) => ({ name: f.name, sha256: sha256(f.content) })),
  });

async function readStored(key: string): Promise<Buffer> {
  const stream = await evidenceStore().get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const detail = (actor: TenantContext, id: string) => getCertificationDetail(actor, id).then((c) => c!);

async function auditActions(tenantId: string, targetId: string) {
  const rows = await systemDb.auditEntry.findMany({ where: { tenantId, targetId }, orderBy: { seq: "asc" } });
  return rows.map((row) => row.action);
}

describe("hash certification", () => {
  it("saves, certifies, completes by signed webhook, archives every artifact with its SHA-256 and checks them", async () => {
    const { actor, key } = await tenant();
    const files = [
      { name: "contract.pdf", content: "contract bytes" },
      { name: "photo.jpg", content: "photo bytes" },
    ];
    const result = await certifyHashes(actor, hashInput(files));
    expect(result.status).toBe("pending");
    const pending = await detail(actor, result.id);
    expect(pending).toMatchObject({ status: "pending", creditsAmount: 2, mode: "hash" });
    expect(pending.files.map((f) => f.sha256)).toEqual(files.map((f) => sha256(f.content)));
    expect(sandbox.listKeys().find((k) => k.api_key === key.api_key)!.credits).toBe(98);

    // The webhook (not the poller: it is not called here) completes it.
    const completed = await until(
      () => detail(actor, result.id),
      (c) => c.status === "completed",
    );
    expect(completed.status).toBe("completed");

    expect(await archiveDueCertifications()).toBeGreaterThanOrEqual(1);
    const archived = await detail(actor, result.id);
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.artifacts.map((a) => a.type).sort()).toEqual(["data", "report", "xml"]);
    for (const artifact of archived.artifacts) {
      const bytes = await readStored(artifact.storageKey);
      expect(artifact.sha256).toBe(sha256(bytes));
      expect(Number(artifact.size)).toBe(bytes.length);
    }
    const data = JSON.parse(
      (await readStored(archived.artifacts.find((a) => a.type === "data")!.storageKey)).toString(),
    );
    expect(data.files.map((f: { sha256: string }) => f.sha256)).toEqual(files.map((f) => sha256(f.content)));
    expect(data.metadata).toEqual({ case_number: "2026/001" });
    const pdf = await readStored(archived.artifacts.find((a) => a.type === "report")!.storageKey);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(archived.checks).toMatchObject({ xml: { valid: true }, data: { ok: true } });
    expect(await auditActions(actor.tenantId, result.id)).toEqual([
      "certification.requested",
      "certification.created",
      "certification.completed",
      "certification.archived",
    ]);
  });

  it("renews the archive lease while the archive runs, so only a dead worker's lease runs out", async () => {
    const { actor, key } = await tenant();
    const result = await certifyHashes(actor, hashInput([{ name: "a.pdf", content: "slow archive" }]));
    await until(
      () => detail(actor, result.id),
      (c) => c.status === "completed",
    );
    // Every TrueScreen call now takes 4 s: the archive outlasts its 2-second lease, renewed every 300 ms.
    await setFaults(key, { latencyMs: 4_000 });
    const archiving = archiveDueCertifications(10, { leaseSeconds: 2, renewEveryMs: 300 });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const during = await systemDb.certification.findUniqueOrThrow({ where: { id: result.id } });
    expect(during.archivedAt).toBeNull();
    expect(during.archiveNextAt!.getTime()).toBeGreaterThan(Date.now());
    await setFaults(key, {});
    expect(await archiving).toBe(1);
    expect((await detail(actor, result.id)).archivedAt).not.toBeNull();
  });

  it("refuses TS-008 (too few credits) clearly and spends nothing", async () => {
    const { actor, key } = await tenant(1);
    const result = await certifyHashes(
      actor,
      hashInput([
        { name: "a", content: "a" },
        { name: "b", content: "b" },
      ]),
    );
    expect(result.status).toBe("error");
    expect(result.message).toMatch(/too few credits/);
    expect(await detail(actor, result.id)).toMatchObject({ status: "error", errorCode: "TS-008" });
    expect(await sandboxCertifications(key)).toHaveLength(0);
  });

  it("marks a 5xx after creation `unknown` and never sends a second create", async () => {
    const { actor, key } = await tenant();
    await setFaults(key, {
      endpoints: { "hash-certifications": { failNext: 1, errorStatus: 502, errorWhen: "after" } },
    });
    const result = await certifyHashes(actor, hashInput([{ name: "a", content: "5xx" }]));
    expect(result.status).toBe("unknown");
    expect(result.message).toMatch(/Check the TrueScreen portal/);
    expect(await sandboxCertifications(key)).toHaveLength(1);
    expect((await detail(actor, result.id)).status).toBe("unknown");
  });

  it("repeats a create only when TrueScreen itself answered 503 (nothing created): one certification", async () => {
    const { actor, key } = await tenant();
    await setFaults(key, {
      endpoints: {
        "hash-certifications": { failNext: 1, errorStatus: 503, errorWhen: "before", errorBody: "problem" },
      },
    });
    const result = await certifyHashes(actor, hashInput([{ name: "a", content: "503" }]));
    expect(result.status).toBe("pending");
    expect(await sandboxCertifications(key)).toHaveLength(1);
  });

  it("a bare 503 from a gateway is not proof that nothing was created: unknown, not repeated", async () => {
    const { actor, key } = await tenant();
    await setFaults(key, {
      endpoints: { "hash-certifications": { failNext: 1, errorStatus: 503, errorWhen: "before" } },
    });
    const result = await certifyHashes(actor, hashInput([{ name: "a", content: "gw" }]));
    expect(result.status).toBe("unknown");
    expect(await sandboxCertifications(key)).toHaveLength(0);
  });

  it("records TS-014 from the certification.error webhook", async () => {
    const { actor, key } = await tenant();
    await setFaults(key, { forceTs014: true });
    const result = await certifyHashes(actor, hashInput([{ name: "a", content: "ts014" }]));
    const failed = await until(
      () => detail(actor, result.id),
      (c) => c.status === "error",
    );
    expect(failed).toMatchObject({ status: "error", errorCode: "TS-014" });
    expect(failed.errorMessage).toMatch(/digital signature/);

    // Certified again, as a new certification with the same hashes, once the fault is gone.
    await setFaults(key, {});
    const again = await certifyHashesAgain(actor, result.id);
    expect(again.status).toBe("pending");
    expect(again.id).not.toBe(result.id);
    const second = await detail(actor, again.id);
    expect(second.files.map((f) => f.sha256)).toEqual(failed.files.map((f) => f.sha256));
    expect(second.metadata).toEqual({ case_number: "2026/001" });
    const completed = await until(
      () => detail(actor, again.id),
      (c) => c.status === "completed",
    );
    await expect(certifyHashesAgain(actor, completed.id)).rejects.toThrow(
      /Only a hash certification that failed/,
    );
  });

  it("settles a certification whose webhook was dropped by polling", async () => {
    const { actor, key } = await tenant();
    await setFaults(key, { webhook: { drop: true } });
    const result = await certifyHashes(actor, hashInput([{ name: "a", content: "dropped" }]));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await detail(actor, result.id)).status).toBe("pending");
    const settled = await until(
      async () => {
        await pollDueCertifications();
        return detail(actor, result.id);
      },
      (c) => c.status === "completed",
      15_000,
    );
    expect(settled.status).toBe("completed");
    expect(await auditActions(actor.tenantId, result.id)).toContain("certification.completed");
    const entry = await systemDb.auditEntry.findFirstOrThrow({
      where: { tenantId: actor.tenantId, targetId: result.id, action: "certification.completed" },
    });
    expect(entry.details).toMatchObject({ via: "poll" });
  });

  it("the pg-boss worker settles a certification whose webhook was lost, then archives it, with nobody asking", async () => {
    const { actor, key } = await tenant();
    await setFaults(key, { webhook: { drop: true } });
    const boss = await startQueue(process.env.DATABASE_URL!);
    const follower = await runCertificationFollower(boss, { intervalSeconds: 1 });
    try {
      const result = await certifyHashes(actor, hashInput([{ name: "a", content: "worker" }]));
      const archived = await until(
        () => detail(actor, result.id),
        (c) => c.archivedAt !== null,
        30_000,
      );
      expect(archived.status).toBe("completed");
      expect(archived.artifacts.length).toBe(3);
    } finally {
      follower.stop();
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it("applies a duplicated webhook once", async () => {
    const { actor, key } = await tenant();
    await setFaults(key, { webhook: { duplicate: true } });
    const result = await certifyHashes(actor, hashInput([{ name: "a", content: "dup" }]));
    await until(
      () => detail(actor, result.id),
      (c) => c.status === "completed",
    );
    await until(
      () => systemDb.webhookReceipt.count({ where: { tenantId: actor.tenantId } }),
      () => received.filter((r) => r.message === "Already received.").length > 0,
    );
    expect(received.some((r) => r.message === "Already received.")).toBe(true);
    expect(
      (await auditActions(actor.tenantId, result.id)).filter((a) => a === "certification.completed"),
    ).toHaveLength(1);
  });
});

describe("webhook receiver", () => {
  async function pendingCertification() {
    const t = await tenant();
    await setFaults(t.key, { webhook: { drop: true }, processingMs: 60_000 });
    const result = await certifyHashes(t.actor, hashInput([{ name: "a", content: crypto.randomUUID() }]));
    const c = await detail(t.actor, result.id);
    const body = JSON.stringify({
      type: "certification.completed",
      timestamp: new Date().toISOString(),
      data: { report_id: c.reportId, status: "completed", title: c.title, files: [] },
    });
    return { ...t, id: result.id, body };
  }

  function sign(secret: string, id: string, body: string, at = new Date()) {
    return {
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, at, body),
    };
  }

  it("rejects a forged signature and changes nothing", async () => {
    const t = await pendingCertification();
    const forged = `whsec_${crypto.randomBytes(24).toString("base64")}`;
    const answer = await receiveTrueScreenWebhook(t.token, sign(forged, "msg_forged", t.body), t.body);
    expect(answer.status).toBe(401);
    expect((await detail(t.actor, t.id)).status).toBe("pending");
    expect(await systemDb.webhookReceipt.count({ where: { tenantId: t.tenant.id } })).toBe(0);
  });

  it("rejects a timestamp older than 5 minutes, even correctly signed", async () => {
    const t = await pendingCertification();
    const old = new Date(Date.now() - 6 * 60_000);
    const answer = await receiveTrueScreenWebhook(
      t.token,
      sign(t.key.webhook_secret, "msg_old", t.body, old),
      t.body,
    );
    expect(answer.status).toBe(401);
    expect((await detail(t.actor, t.id)).status).toBe("pending");
  });

  it("ignores a replayed webhook-id, and answers 404 to an unknown token or another tenant's report", async () => {
    const t = await pendingCertification();
    const headers = sign(t.key.webhook_secret, "msg_once", t.body);
    expect((await receiveTrueScreenWebhook(t.token, headers, t.body)).status).toBe(200);
    expect((await detail(t.actor, t.id)).status).toBe("completed");
    const replay = await receiveTrueScreenWebhook(t.token, headers, t.body);
    expect(replay.body.message).toBe("Already received.");
    expect(
      (await auditActions(t.actor.tenantId, t.id)).filter((a) => a === "certification.completed"),
    ).toHaveLength(1);

    expect((await receiveTrueScreenWebhook("x".repeat(32), headers, t.body)).status).toBe(404);
    const other = await tenant();
    const foreign = await receiveTrueScreenWebhook(
      other.token,
      sign(other.key.webhook_secret, "msg_foreign", t.body),
      t.body,
    );
    expect(foreign.status).toBe(404);
  });
});

describe("per-certification webhook URLs", () => {
  function sign(secret: string, id: string, body: string) {
    const at = new Date();
    return {
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, at, body),
    };
  }
  const errorBody = () => JSON.stringify({ ...tsWebhooks.error, timestamp: new Date().toISOString() });

  it("sends each certification its own opaque URL, and settles a real failure webhook (no report_id) by it", async () => {
    const { actor, key, token, tenant: t } = await tenant();
    await setFaults(key, { forceTs014: true });
    const result = await certifyHashes(actor, hashInput([{ name: "a", content: crypto.randomUUID() }]));
    const [sent] = await sandboxCertifications(key);
    const path = new URL(sent!.webhook_url!).pathname;
    expect(path).toBe(`/api/webhooks/truescreen/${certificationWebhookToken(token, result.id)}`);
    expect(path).toMatch(/^\/api\/webhooks\/truescreen\/[\w-]{22}\.[\w-]{24}$/);
    expect(path).not.toContain(token);
    expect(path).not.toContain(t.id);
    // The sandbox's certification.error carries only the problem document, as the contract says.
    const failed = await until(
      () => detail(actor, result.id),
      (c) => c.status === "error",
    );
    expect(failed).toMatchObject({ status: "error", errorCode: "TS-014" });
    const entry = await systemDb.auditEntry.findFirstOrThrow({
      where: { tenantId: actor.tenantId, targetId: result.id, action: "certification.failed" },
    });
    expect(entry.details).toMatchObject({ via: "webhook" });
  });

  it("keeps per-tenant URLs working: a failure naming no certification is acknowledged and left to the poller", async () => {
    const { actor, key, token } = await tenant();
    await setFaults(key, { webhook: { drop: true }, processingMs: 60_000 });
    const result = await certifyHashes(actor, hashInput([{ name: "a", content: crypto.randomUUID() }]));
    const body = errorBody();
    const answer = await receiveTrueScreenWebhook(
      token,
      sign(key.webhook_secret, "msg_tenant_error", body),
      body,
    );
    expect(answer.status).toBe(202);
    expect(answer.body.message).toMatch(/settles it by polling/);
    expect((await detail(actor, result.id)).status).toBe("pending");
  });

  it("refuses a forged token, a token made under another tenant's token, and another certification's report id", async () => {
    const a = await tenant();
    const b = await tenant();
    await setFaults(a.key, { webhook: { drop: true }, processingMs: 60_000 });
    const result = await certifyHashes(a.actor, hashInput([{ name: "a", content: crypto.randomUUID() }]));
    const body = errorBody();
    const headers = sign(a.key.webhook_secret, "msg_forged_token", body);
    for (const forged of [
      certificationWebhookToken(b.token, result.id),
      certificationWebhookToken(`${a.token}x`, result.id),
      `${certificationWebhookToken(a.token, result.id).slice(0, 23)}${"A".repeat(24)}`,
      certificationWebhookToken(a.token, crypto.randomUUID()),
    ]) {
      expect((await receiveTrueScreenWebhook(forged, headers, body)).status, forged).toBe(404);
    }
    expect((await detail(a.actor, result.id)).status).toBe("pending");
    // The right URL with another tenant's signature is refused too.
    const own = certificationWebhookToken(a.token, result.id);
    expect(
      (await receiveTrueScreenWebhook(own, sign(b.key.webhook_secret, "msg_b", body), body)).status,
    ).toBe(401);
    // A completed webhook whose report id is another certification's changes nothing.
    const completed = JSON.stringify({
      type: "certification.completed",
      timestamp: new Date().toISOString(),
      data: { report_id: crypto.randomUUID(), status: "completed", files: [] },
    });
    const mismatch = await receiveTrueScreenWebhook(
      own,
      sign(a.key.webhook_secret, "msg_other", completed),
      completed,
    );
    expect(mismatch.status).toBe(400);
    expect((await detail(a.actor, result.id)).status).toBe("pending");
  });

  it("a 201 create answer it cannot read: pending with a note (never failed, never sent again), id learnt from the webhook", async () => {
    const { actor, key } = await tenant();
    await setFaults(key, { endpoints: { "hash-certifications": { answerBody: '{"accepted":true}' } } });
    const result = await certifyHashes(actor, hashInput([{ name: "a", content: crypto.randomUUID() }]));
    expect(result.status).toBe("pending");
    const pending = await detail(actor, result.id);
    expect(pending).toMatchObject({
      status: "pending",
      reportId: null,
      creditsAmount: null,
      nextPollAt: null,
    });
    expect(pending.errorMessage).toMatch(/created this certification \(so its credits were spent\)/);
    expect(pending.errorMessage).toMatch(/report_id: missing/);
    const created = await systemDb.auditEntry.findFirstOrThrow({
      where: { tenantId: actor.tenantId, targetId: result.id, action: "certification.created" },
    });
    expect(created.details).toMatchObject({ reportId: null, unreadable: expect.any(Array) });
    // A sandbox host's body is not echoed into the audit log; the production service's would be kept there.
    expect(created.details).not.toHaveProperty("rawAnswer");
    const [atTrueScreen] = await sandboxCertifications(key);
    expect(await sandboxCertifications(key)).toHaveLength(1);
    // TrueScreen's completion webhook to this certification's own URL brings the report id.
    const completed = await until(
      () => detail(actor, result.id),
      (c) => c.status === "completed",
    );
    expect(completed.reportId).toBe(atTrueScreen!.report_id);
    expect(completed.errorMessage).toBeNull();
    expect(await sandboxCertifications(key)).toHaveLength(1);
  });
});

describe("file certification", () => {
  const files = [
    { name: "inspection.jpg", type: "image/jpeg", content: Buffer.from("jpeg bytes ".repeat(1000)) },
    { name: "notes.txt", type: "text/plain", content: Buffer.from("site notes") },
  ];
  const input = () => ({
    title: "Site inspection",
    generatePdfReport: true,
    metadata: {},
    files: files.map((f) => ({
      name: f.name,
      size: f.content.length,
      type: f.type,
      lastModified: Date.now() - 1000,
    })),
  });
  const put = (url: string, file: (typeof files)[number]) =>
    fetch(url, { method: "PUT", headers: { "content-type": file.type }, body: file.content });

  it("registers, uploads straight to the presigned URLs, certifies and archives the media", async () => {
    const { actor } = await tenant();
    const started = await startFileCertification(actor, input());
    expect((await detail(actor, started.id)).status).toBe("uploading");
    for (const target of started.targets)
      expect((await put(target.url, files[target.position]!)).status).toBe(200);
    const result = await certifyUploadedFiles(actor, started.id);
    expect(result.status).toBe("pending");
    await until(
      () => detail(actor, started.id),
      (c) => c.status === "completed",
    );
    await archiveDueCertifications();
    const archived = await detail(actor, started.id);
    const media = archived.artifacts.filter((a) => a.type === "media");
    expect(media.map((m) => m.sha256)).toEqual(files.map((f) => sha256(f.content)));
    expect(media.map((m) => m.fileName)).toEqual(files.map((f) => f.name));
    // TrueScreen's hashes (jsonData) are copied onto the files, for "Verify a file".
    expect(archived.files.map((f) => f.sha256)).toEqual(files.map((f) => sha256(f.content)));
    expect(archived.checks).toMatchObject({ xml: { valid: true }, data: { ok: true } });
    // A double submit cannot create it twice.
    await expect(certifyUploadedFiles(actor, started.id)).rejects.toThrow(/no longer waiting/);
  });

  it("answers TS-013 when a file was not uploaded", async () => {
    const { actor } = await tenant();
    const started = await startFileCertification(actor, input());
    expect((await put(started.targets[0]!.url, files[0]!)).status).toBe(200);
    const result = await certifyUploadedFiles(actor, started.id);
    expect(result.status).toBe("error");
    expect(result.message).toMatch(/Not every file reached TrueScreen/);
    expect(await detail(actor, started.id)).toMatchObject({ errorCode: "TS-013" });
  });

  it("registers the batch again after an upload URL expired, and certifies with the fresh URLs", async () => {
    const { actor, key } = await tenant();
    await setFaults(key, { uploadUrlSeconds: 1 });
    const started = await startFileCertification(actor, input());
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await put(started.targets[0]!.url, files[0]!);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/);
    await setFaults(key, {});
    const again = await registerUploadsAgain(actor, started.id);
    expect(again.targets[0]!.url).not.toBe(started.targets[0]!.url);
    for (const target of again.targets)
      expect((await put(target.url, files[target.position]!)).status).toBe(200);
    expect((await certifyUploadedFiles(actor, started.id)).status).toBe("pending");
    expect((await detail(actor, started.id)).uploadAttempts).toBe(2);
  });
});
