// A worker stopping (SIGTERM: runClaimWorker's stop() aborts `draining`) in the middle of a TrustedForm 4.0 batch:
// the claims in flight are answered and settled, no row is taken any more, a row taken ahead of its turn goes back to
// the queue, so nothing is left "sending" (which 4.0 recovery would have to make "unknown"); the next run finishes
// the batch with every certificate claimed exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";
import { createClaimBatch } from "@/lib/claims/create-claim-batch";
import { setTrustedFormApiVersion } from "@/lib/claims/v4/set-trustedform-api-version";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { systemDb } from "@/lib/db/client";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { processClaimBatch } from "./process-claim-batch";

let sandbox: TrustedFormSandbox;

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
});

const LEAD = "lead@example.com";

async function requestsAt(certId: string): Promise<number> {
  const record = (await (await fetch(`${sandbox.baseUrl}/sandbox/certificates/${certId}`)).json()) as {
    claims: unknown[];
    v4_requests: unknown[];
  };
  return record.claims.length + record.v4_requests.length;
}

async function statuses(batchId: string): Promise<Record<string, number>> {
  const rows = await systemDb.claim.groupBy({ by: ["status"], where: { batchId }, _count: true });
  return Object.fromEntries(rows.map((row) => [row.status, row._count]));
}

describe.each(["4.0", "3.0"] as const)("a worker draining a TrustedForm %s batch", (version) => {
  it("settles the claims in flight, takes nothing more, and the next run finishes the batch once", async () => {
    const account = sandbox.createAccount({ balance: 100 });
    // Every answer takes 800 ms, so claims are in flight when the worker is told to stop.
    await fetch(`${sandbox.baseUrl}/sandbox/accounts/${account.api_key}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ faults: { latencyMs: 800 } }),
    });
    const { actor } = await createTenantWithOwner();
    await setTrustedFormApiVersion(actor, version);
    await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
    await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
    const certs = Array.from({ length: 12 }, () =>
      sandbox.createCertificate({ variant: "approved", email: LEAD }),
    );
    const { batchId } = await createClaimBatch(actor, {
      fileName: "drain.csv",
      rows: certs.map((cert) => ({ certUrl: cert.cert_url, email: LEAD })),
      concurrency: 3,
    });

    const draining = new AbortController();
    const run = processClaimBatch(batchId, draining.signal);
    // Stop once the first claims are in flight.
    for (let i = 0; i < 200 && !(await statuses(batchId)).sending; i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await statuses(batchId)).sending).toBeGreaterThan(0);
    draining.abort();
    const drained = await run;

    // Nothing in flight is abandoned: every row is claimed or back in the queue, none "sending" or "unknown".
    const after = await statuses(batchId);
    expect(after.sending ?? 0).toBe(0);
    expect(after.unknown ?? 0).toBe(0);
    expect(drained).toEqual({ processed: after.claimed, completed: false });
    expect(after.claimed).toBeGreaterThan(0);
    expect(after.queued).toBeGreaterThan(0); // it stopped taking rows
    const claimedRows = await systemDb.claim.findMany({
      where: { batchId, status: "claimed" },
      select: { certId: true },
    });
    for (const row of claimedRows) expect(await requestsAt(row.certId)).toBe(1);
    const queuedRows = await systemDb.claim.findMany({
      where: { batchId, status: "queued" },
      select: { certId: true, lockedAt: true },
    });
    for (const row of queuedRows) {
      expect(row.lockedAt).toBeNull();
      expect(await requestsAt(row.certId)).toBe(0); // never sent
    }

    // The next worker's run finishes the batch: each certificate reached TrustedForm exactly once.
    expect(await processClaimBatch(batchId)).toEqual({ processed: queuedRows.length, completed: true });
    expect(await statuses(batchId)).toEqual({ claimed: 12 });
    for (const cert of certs) expect(await requestsAt(cert.cert_id)).toBe(1);
  }, 120_000);
});
