// Bulk claims against the TrustedForm sandbox and a real PostgreSQL: validation, processing, crash recovery with
// every certificate claimed exactly once, the per-tenant lock, and the pg-boss worker end to end.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { enqueueBatch, runClaimWorker, startQueue } from "@/lib/jobs/claim-batch-queue";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { claimOne } from "./claim-one";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { processClaimBatch } from "@/lib/jobs/process-claim-batch";
import { recoverStaleClaims } from "@/lib/jobs/recover-stale-claims";
import { TenantBusyError } from "@/lib/jobs/tenant-claim-lock";
import type { BatchRow } from "./batch-row";
import { checkBatchRows } from "./check-batch-rows";
import { createClaimBatch } from "./create-claim-batch";
import { setClaimConcurrency } from "./set-claim-concurrency";

let sandbox: TrustedFormSandbox;
// The hot path's pg clients run one query at a time: scripts/test/vitest-setup.ts fails this file on the
// node-postgres warning for overlapping queries.

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
});

async function tenant() {
  const account = sandbox.createAccount({ balance: 1000 });
  const { actor } = await createTenantWithOwner();
  await systemDb.tenant.update({ where: { id: actor.tenantId }, data: { trustedformApiVersion: "v3_0" } });
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  return { actor, account };
}

const newCert = () =>
  sandbox.createCertificate({ page_text: "I consent to be contacted.", email: "lead@example.com" });

async function claimsAtSandbox(certId: string): Promise<number> {
  const body = (await (await fetch(`${sandbox.baseUrl}/sandbox/certificates/${certId}`)).json()) as {
    claims: unknown[];
  };
  return body.claims.length;
}

function fileOf(good: number): { rows: BatchRow[]; certs: Array<{ cert_id: string; cert_url: string }> } {
  const certs = Array.from({ length: good }, newCert);
  const rows: BatchRow[] = certs.map((cert, i) => ({
    certUrl: cert.cert_url,
    email: i % 2 ? "lead@example.com" : "",
    phone: "",
    reference: `R-${i}`,
    vendor: i % 3 ? "Acme" : "Beta",
  }));
  return { rows, certs };
}

describe("bulk claims", () => {
  it("checks every row first: 45 good rows go through, 5 bad ones are refused with their reasons", async () => {
    const { actor } = await tenant();
    const { rows } = fileOf(45);
    const bad: BatchRow[] = [
      { certUrl: "not a url" },
      { certUrl: `https://cert.trustedform.com.evil.example/${"a".repeat(40)}` },
      { certUrl: "" },
      { certUrl: newCert().cert_url, email: "not-an-email" },
      { certUrl: rows[3]!.certUrl },
    ];
    const all = [
      ...rows.slice(0, 10),
      bad[0]!,
      ...rows.slice(10, 20),
      bad[1]!,
      bad[2]!,
      ...rows.slice(20, 40),
      bad[3]!,
      ...rows.slice(40),
      bad[4]!,
    ];
    const { accepted, refused } = await checkBatchRows(actor, all);
    expect(accepted).toHaveLength(45);
    expect(refused.map((r) => r.reason)).toEqual([
      "The certificate URL contains spaces, control characters or backslashes.",
      expect.stringMatching(/Only certificate URLs that start with/),
      "The certificate URL is missing.",
      '"not-an-email" is not a valid email address.',
      "The same certificate is on row 4: it is claimed once.",
    ]);
    expect(refused.map((r) => r.row)).toEqual([11, 22, 23, 44, 50]);
  });

  it("claims a batch with bounded concurrency, each certificate once, and refuses one already claimed", async () => {
    const { actor } = await tenant();
    const { rows, certs } = fileOf(20);
    await claimOne(actor, { certUrl: certs[0]!.cert_url });
    const created = await createClaimBatch(actor, { fileName: "leads.csv", rows, concurrency: 4 });
    expect(created.accepted).toBe(19);
    expect(created.refused).toEqual([
      { row: 1, certUrl: certs[0]!.cert_url, reason: "This certificate was already claimed by this tenant." },
    ]);
    expect(await recoverStaleClaims()).toContain(created.batchId); // new and idle: the sweep enqueues it
    const result = await processClaimBatch(created.batchId);
    expect(result).toEqual({ processed: 19, completed: true });
    expect(await recoverStaleClaims()).not.toContain(created.batchId);
    const claims = await systemDb.claim.findMany({ where: { batchId: created.batchId } });
    expect(claims.map((c) => c.status)).toEqual(Array(19).fill("claimed"));
    expect(claims.every((c) => c.outcome === "success")).toBe(true);
    for (const cert of certs) expect(await claimsAtSandbox(cert.cert_id)).toBe(1);
    expect(await systemDb.claimBatch.findUnique({ where: { id: created.batchId } })).toMatchObject({
      status: "completed",
      acceptedRows: 19,
      totalRows: 20,
    });
  });

  it("recovers after a worker died mid-batch: what was claimed is settled by a GET, the rest is claimed, nothing twice", async () => {
    const { actor, account } = await tenant();
    const { rows, certs } = fileOf(8);
    const { batchId } = await createClaimBatch(actor, { fileName: "crash.csv", rows, concurrency: 2 });
    // A dead worker: three rows marked sending long ago; its requests for two of them reached TrustedForm.
    const taken = await systemDb.claim.findMany({
      where: { batchId },
      orderBy: { rowNumber: "asc" },
      take: 3,
    });
    await systemDb.claim.updateMany({
      where: { id: { in: taken.map((t) => t.id) } },
      data: { status: "sending", lockedAt: new Date(Date.now() - 120_000) },
    });
    for (const row of taken.slice(0, 2)) {
      await fetch(row.certUrl, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`API:${account.api_key}`).toString("base64")}`,
          "content-type": "application/json",
        },
        body: "{}",
      });
    }
    await recoverStaleClaims();
    const afterRecovery = await systemDb.claim.findMany({
      where: { id: { in: taken.map((t) => t.id) } },
      orderBy: { rowNumber: "asc" },
    });
    expect(afterRecovery.map((c) => c.status)).toEqual(["claimed", "claimed", "queued"]);
    await processClaimBatch(batchId);
    for (const cert of certs) expect(await claimsAtSandbox(cert.cert_id)).toBe(1);
    expect(await systemDb.claim.count({ where: { batchId, status: "claimed" } })).toBe(8);
  });

  it("a live worker's rows are never recovered; a dead worker's are recovered at once, without waiting", async () => {
    const { actor } = await tenant();
    const { rows } = fileOf(3);
    const { batchId } = await createClaimBatch(actor, { fileName: "orphans.csv", rows });
    const row = await systemDb.claim.findFirstOrThrow({ where: { batchId }, orderBy: { rowNumber: "asc" } });
    // Just taken (lockedAt now), while a live worker holds the tenant's claim lock: left alone.
    await systemDb.claim.update({ where: { id: row.id }, data: { status: "sending", lockedAt: new Date() } });
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await holder.query("select pg_advisory_lock(hashtextextended($1, 0))", [
      `certdesk-claims:${actor.tenantId}`,
    ]);
    await recoverStaleClaims();
    expect((await systemDb.claim.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("sending");
    // The worker dies (its session ends, the lock goes): the next sweep recovers the row at once.
    await holder.end();
    await recoverStaleClaims();
    expect((await systemDb.claim.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("queued");
  });

  it("uses the tenant's concurrency setting, never has more claims in flight, and keeps the audit chain intact", async () => {
    // A counting proxy in front of the sandbox: the tenant's TrustedForm origin is the proxy.
    let inFlight = 0;
    let maxInFlight = 0;
    const proxy = http.createServer((request, response) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", async () => {
        const answer = await fetch(`${sandbox.baseUrl}${request.url}`, {
          method: request.method,
          headers: Object.fromEntries(
            Object.entries(request.headers).filter(
              ([k]) => !["host", "content-length", "connection"].includes(k),
            ),
          ) as Record<string, string>,
          body: request.method === "GET" ? undefined : Buffer.concat(chunks),
        });
        const body = Buffer.from(await answer.arrayBuffer());
        inFlight -= 1;
        response.writeHead(answer.status, {
          "content-type": answer.headers.get("content-type") ?? "text/plain",
        });
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const proxyOrigin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    allowSandboxOrigins(proxyOrigin);
    try {
      const { actor, account } = await tenant();
      await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: proxyOrigin });
      await setClaimConcurrency(actor, 3);
      await expect(setClaimConcurrency(actor, 0)).rejects.toThrow(/from 1 to 32/);
      await expect(setClaimConcurrency(actor, 33)).rejects.toThrow(/from 1 to 32/);
      await fetch(`${sandbox.baseUrl}/sandbox/accounts/${account.api_key}`, {
        method: "PATCH",
        body: JSON.stringify({ faults: { latencyMs: 100 } }),
      });
      const { rows, certs } = fileOf(18);
      const viaProxy = rows.map((row) => ({
        ...row,
        certUrl: row.certUrl!.replace(sandbox.baseUrl, proxyOrigin),
      }));
      const { batchId } = await createClaimBatch(actor, { fileName: "setting.csv", rows: viaProxy });
      expect((await systemDb.claimBatch.findUniqueOrThrow({ where: { id: batchId } })).concurrency).toBe(3);
      expect(await processClaimBatch(batchId)).toEqual({ processed: 18, completed: true });
      expect(maxInFlight).toBe(3);
      for (const cert of certs) expect(await claimsAtSandbox(cert.cert_id)).toBe(1);
      const claims = await systemDb.claim.findMany({ where: { batchId } });
      expect(claims.every((c) => c.status === "claimed" && c.outcome === "success" && c.claimedAt)).toBe(
        true,
      );
      expect(claims.filter((c) => c.fingerprintMatch === true)).toHaveLength(9);
      expect(
        await systemDb.auditEntry.count({ where: { tenantId: actor.tenantId, action: "claim.claimed" } }),
      ).toBe(18);
      expect(await verifyAuditChain(actor.tenantId)).toMatchObject({ intact: true });
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it("keeps a row whose 201 it cannot read as claimed, with its raw body and a note, and never claims it again", async () => {
    const { actor, account } = await tenant();
    const odd = JSON.stringify({ outcome: 42, cert: { browser: { version: [1, 2] } } });
    await fetch(`${sandbox.baseUrl}/sandbox/accounts/${account.api_key}`, {
      method: "PATCH",
      body: JSON.stringify({ faults: { endpoints: { claim: { answerBody: odd } } } }),
    });
    const { rows, certs } = fileOf(4);
    const { batchId } = await createClaimBatch(actor, { fileName: "odd.csv", rows, concurrency: 2 });
    expect(await processClaimBatch(batchId)).toEqual({ processed: 4, completed: true });
    const claims = await systemDb.claim.findMany({ where: { batchId }, orderBy: { rowNumber: "asc" } });
    for (const claim of claims) {
      expect(claim).toMatchObject({
        status: "claimed",
        outcome: null,
        hasWarnings: true,
        errorKind: "review_note",
        response: JSON.parse(odd),
      });
      expect(claim.errorMessage).toMatch(/claim was made and billed/);
    }
    // A second run and the sweep find nothing to send: each certificate was claimed (and billed) once.
    expect(await processClaimBatch(batchId)).toEqual({ processed: 0, completed: true });
    await recoverStaleClaims();
    for (const cert of certs) expect(await claimsAtSandbox(cert.cert_id)).toBe(1);
    expect(sandbox.listAccounts().find((a) => a.api_key === account.api_key)?.balance).toBe(996);
  });

  it("runs one batch at a time per tenant", async () => {
    const { actor } = await tenant();
    const { batchId } = await createClaimBatch(actor, { fileName: "busy.csv", rows: fileOf(2).rows });
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await holder.query("select pg_advisory_lock(hashtextextended($1, 0))", [
      `certdesk-claims:${actor.tenantId}`,
    ]);
    await expect(processClaimBatch(batchId)).rejects.toBeInstanceOf(TenantBusyError);
    await holder.end();
    expect((await processClaimBatch(batchId)).completed).toBe(true);
  });

  it("is worked by pg-boss on the same PostgreSQL", async () => {
    const { actor } = await tenant();
    const { rows, certs } = fileOf(6);
    const boss = await startQueue(process.env.DATABASE_URL!);
    const worker = await runClaimWorker(boss, { sweepSeconds: 60 });
    try {
      const { batchId } = await createClaimBatch(actor, { fileName: "boss.csv", rows });
      await enqueueBatch(boss, batchId);
      await expect
        .poll(async () => (await systemDb.claimBatch.findUnique({ where: { id: batchId } }))?.status, {
          timeout: 20_000,
          interval: 200,
        })
        .toBe("completed");
      for (const cert of certs) expect(await claimsAtSandbox(cert.cert_id)).toBe(1);
    } finally {
      worker.stop();
      await boss.stop({ graceful: false });
    }
  }, 40_000);
});
