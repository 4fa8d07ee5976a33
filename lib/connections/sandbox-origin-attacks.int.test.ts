// SSRF and key exfiltration through the sandbox URL, from the attacker's side: a tenant admin (or someone who can
// write the connection row) tries to make Certdesk send the tenant's keys, or any request, to an address of their
// choosing, or to read an internal service's answer back through Test connection and claims.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantTrueScreen } from "@/lib/certifications/truescreen-account";
import { getClaim } from "@/lib/claims/get-claim";
import { claimOne } from "@/lib/claims/claim-one";
import { createClaimBatch } from "@/lib/claims/create-claim-batch";
import { processClaimBatch } from "@/lib/jobs/process-claim-batch";
import { systemDb } from "@/lib/db/client";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { startCaptureServer, type CaptureAnswer, type CaptureServer } from "@/scripts/test/capture-server";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { testConnection } from "./test-connection";
import { updateConnection } from "./update-connection";

const MARKER = "INTERNAL-MARKER-7f3a9c";
const CERT = "a".repeat(40);

/** A sandbox of this deployment (on CERTDESK_SANDBOX_ORIGINS) that records what it receives. */
let sandbox: CaptureServer;
/** An internal service on loopback that is NOT on the list: it must never see a connection. */
let internal: CaptureServer;

beforeAll(async () => {
  sandbox = await startCaptureServer();
  internal = await startCaptureServer({ status: 200, body: `{"credits": 1, "secret": "${MARKER}"}` });
  allowSandboxOrigins(sandbox.origin);
});

afterAll(async () => {
  await sandbox.close();
  await internal.close();
});

async function tenantOnSandbox() {
  const { actor, tenant } = await createTenantWithOwner();
  await systemDb.tenant.update({ where: { id: tenant.id }, data: { trustedformApiVersion: "v3_0" } });
  for (const service of ["truescreen", "trustedform"] as const)
    await updateConnection(actor, service, { environment: "sandbox", sandboxBaseUrl: sandbox.origin });
  return { actor, tenant };
}

describe("choosing a sandbox", () => {
  it("refuses every origin that is not exactly on the deployment's list, storing and calling nothing", async () => {
    const { actor, tenant } = await tenantOnSandbox();
    const port = sandbox.port;
    const hostile = [
      "http://169.254.169.254",
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]",
      internal.origin,
      `http://localhost:${port}`, // resolves to 127.0.0.1, but is not on the list
      `http://localhost:${internal.port}`,
      `http://user:pw@127.0.0.1:${port}`,
      `http://127.0.0.1:${port}@169.254.169.254`,
      `http://2130706433:${port}`,
      `http://0x7f.0.0.1:${port}`,
      `http://127.1:${port}`,
      `http://[::ffff:127.0.0.1]:${port}`,
      `http://[::1]:${port}`,
      `http://0.0.0.0:${port}`,
      `HTTP://127.0.0.1:${port}`,
      `${sandbox.origin}/`,
      ` ${sandbox.origin}`,
      `${sandbox.origin}/v1`,
      `${sandbox.origin}%2f@169.254.169.254`,
      `${sandbox.origin}#@169.254.169.254`,
      `https://127.0.0.1:${port}`,
      "",
      "file:///etc/passwd",
      "not a url",
    ];
    for (const service of ["truescreen", "trustedform"] as const) {
      for (const origin of hostile) {
        await expect(
          updateConnection(actor, service, { environment: "sandbox", sandboxBaseUrl: origin }),
          origin,
        ).rejects.toThrow(UserFacingError);
      }
    }
    const rows = await systemDb.tenantConnection.findMany({ where: { tenantId: tenant.id } });
    expect(rows.map((row) => row.sandboxBaseUrl)).toEqual([sandbox.origin, sandbox.origin]);
    expect(
      await systemDb.auditEntry.count({ where: { tenantId: tenant.id, action: "connection.updated" } }),
    ).toBe(2);
    expect(internal.connections()).toBe(0);
    expect(sandbox.connections()).toBe(0);
  });
});

describe("a stored origin that is not on the list", () => {
  it("is refused at every use with a clear message, and the address behind it gets no connection", async () => {
    for (const forced of [internal.origin, `http://localhost:${internal.port}`, "http://169.254.169.254"]) {
      const { actor, tenant } = await tenantOnSandbox();
      await saveTenantSecret(actor, "truescreen.api_key", "ts_sandbox_key_for_forced_row");
      await saveTenantSecret(actor, "trustedform.api_key", "tf_sandbox_key_for_forced_row");
      const { batchId } = await createClaimBatch(actor, {
        fileName: "forced.csv",
        rows: [{ certUrl: `${sandbox.origin}/${CERT}` }],
      });
      // The attacker writes the row directly (a restored backup, a bug elsewhere, an old release's free text).
      await systemDb.tenantConnection.updateMany({
        where: { tenantId: tenant.id },
        data: { sandboxBaseUrl: forced },
      });

      for (const service of ["truescreen", "trustedform"] as const) {
        const result = await testConnection(actor, service);
        expect(result.ok).toBe(false);
        expect(result.message).toMatch(/is not one of the sandboxes this deployment allows/);
        expect(result.message).toMatch(/Settings > Connections/);
      }
      await expect(claimOne(actor, { certUrl: `${forced}/${CERT}` })).rejects.toThrow(
        /is not one of the sandboxes this deployment allows/,
      );
      await expect(
        createClaimBatch(actor, { fileName: "again.csv", rows: [{ certUrl: `${forced}/${CERT}` }] }),
      ).rejects.toThrow(/is not one of the sandboxes this deployment allows/);
      await expect(tenantTrueScreen(actor)).rejects.toThrow(/is not one of the sandboxes/);
      // The bulk worker, which found the batch already queued: every row fails with the reason, nothing is sent.
      expect(await processClaimBatch(batchId)).toEqual({ processed: 1, completed: true });
      const row = await systemDb.claim.findFirstOrThrow({ where: { batchId } });
      expect(row).toMatchObject({ status: "failed", errorKind: "sandbox_not_allowed" });
      expect(row.errorMessage).toMatch(/Nothing was claimed/);
    }
    expect(internal.connections()).toBe(0);
    expect(sandbox.requests).toEqual([]);
  });
});

describe("keys per environment", () => {
  it("never sends the production key to a sandbox: after the switch, Test connection and claims ask for the sandbox key", async () => {
    const { actor } = await createTenantWithOwner();
    for (const service of ["truescreen", "trustedform"] as const)
      await updateConnection(actor, service, { environment: "production" });
    const productionKeys = {
      truescreen: "ts_live_PRODUCTION_KEY_never_to_a_sandbox",
      trustedform: "tf_live_PRODUCTION_KEY_never_to_a_sandbox",
    };
    await saveTenantSecret(actor, "truescreen.api_key", productionKeys.truescreen);
    await saveTenantSecret(actor, "trustedform.api_key", productionKeys.trustedform);
    for (const service of ["truescreen", "trustedform"] as const)
      await updateConnection(actor, service, { environment: "sandbox", sandboxBaseUrl: sandbox.origin });

    const before = sandbox.requests.length;
    expect(await testConnection(actor, "truescreen")).toEqual({
      ok: false,
      message:
        "No TrueScreen API key is saved for the sandbox. The production key is never sent to a sandbox: save the sandbox key, then test.",
    });
    expect((await testConnection(actor, "trustedform")).message).toMatch(
      /^No TrustedForm API key is saved for the sandbox\. The production key is never sent to a sandbox/,
    );
    const { claimId } = await claimOne(actor, { certUrl: `${sandbox.origin}/${CERT}` });
    expect(await getClaim(actor, claimId)).toMatchObject({ status: "failed", errorKind: "no_key" });
    expect(sandbox.requests.length).toBe(before);

    // With a sandbox key saved, the sandbox gets that key and only that key.
    sandbox.answer({ status: 200, body: '{"credits": 5}' });
    await saveTenantSecret(actor, "truescreen.api_key", "ts_sandbox_the_sandbox_key");
    expect(await testConnection(actor, "truescreen")).toMatchObject({ ok: true, credits: 5 });
    const seen = sandbox.requests.slice(before);
    expect(seen.map((r) => r.headers.authorization)).toEqual(["Bearer ts_sandbox_the_sandbox_key"]);
    expect(JSON.stringify(sandbox.requests)).not.toContain("PRODUCTION_KEY");
  });
});

describe("answers from a service", () => {
  it("are summarised in words: no remote body, header or redirect target reaches the user", async () => {
    const { actor } = await tenantOnSandbox();
    await saveTenantSecret(actor, "truescreen.api_key", "ts_sandbox_marker_test_key");
    await saveTenantSecret(actor, "trustedform.api_key", "tf_sandbox_marker_test_key");
    const problem = (status: number, code: string): CaptureAnswer => ({
      status,
      headers: { "content-type": "application/problem+json", "x-internal": MARKER },
      body: JSON.stringify({
        type: MARKER,
        title: MARKER,
        status,
        code,
        detail: `${MARKER} at 10.0.0.7:6379`,
      }),
    });
    const answers: CaptureAnswer[] = [
      problem(418, "TS-999"),
      problem(400, "TS-002"),
      problem(400, MARKER),
      problem(500, "TS-000"),
      { status: 500, headers: { "content-type": "text/html" }, body: `<h1>${MARKER}</h1>` },
      { status: 404, headers: { "content-type": "application/json" }, body: `{"detail":"${MARKER}"}` },
      { status: 200, headers: { "content-type": "application/json" }, body: `{"credits":"${MARKER}"}` },
      { status: 200, headers: { "content-type": "text/plain" }, body: MARKER },
      { status: 302, headers: { location: `http://169.254.169.254/${MARKER}` } },
    ];
    const shown: string[] = [];
    for (const answer of answers) {
      sandbox.answer(answer);
      shown.push((await testConnection(actor, "truescreen")).message);
      shown.push((await testConnection(actor, "trustedform")).message);
      const { claimId } = await claimOne(actor, {
        certUrl: `${sandbox.origin}/${"b".repeat(39)}${shown.length % 10}`,
      });
      const claim = await getClaim(actor, claimId);
      shown.push(JSON.stringify(claim));
    }
    sandbox.answer({ status: 200, body: "{}" });
    for (const message of shown) {
      expect(message).not.toContain(MARKER);
      expect(message).not.toContain("10.0.0.7");
      expect(message).not.toContain("169.254");
    }
    expect(shown[0]).toMatch(/HTTP 418/);
    expect(shown[0]).toMatch(/TS-999/);
    expect(shown[3]).toMatch(/refused a field of the request \(HTTP 400, problem TS-002\)/);
    expect(shown.some((message) => /redirect \(HTTP 302\)/.test(message))).toBe(true);
    expect(internal.connections()).toBe(0);
  });
});
