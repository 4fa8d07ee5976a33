// "Test connection" against the real sandboxes over HTTP: success, wrong key, unreachable, timeout.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrueScreenSandbox } from "@/sandbox/truescreen/truescreen-sandbox";
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";
import { systemDb } from "@/lib/db/client";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { freePort } from "@/scripts/test/test-database";
import { getConnections } from "./get-connections";
import { testConnection } from "./test-connection";
import { updateConnection } from "./update-connection";

let truescreen: TrueScreenSandbox;
let trustedform: TrustedFormSandbox;

beforeAll(async () => {
  truescreen = new TrueScreenSandbox({ port: 0 });
  trustedform = new TrustedFormSandbox({ port: 0 });
  await truescreen.start();
  await trustedform.start();
  allowSandboxOrigins(truescreen.baseUrl, trustedform.baseUrl);
});

afterAll(async () => {
  await truescreen.stop();
  await trustedform.stop();
});

async function tenantOn(service: "truescreen" | "trustedform", baseUrl: string) {
  const { actor } = await createTenantWithOwner();
  await updateConnection(actor, service, { environment: "sandbox", sandboxBaseUrl: baseUrl });
  return actor;
}

describe("testConnection", () => {
  it("shows the TrueScreen balance, and audits the test", async () => {
    const key = truescreen.createKey({ credits: 42 });
    const actor = await tenantOn("truescreen", truescreen.baseUrl);
    await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
    const result = await testConnection(actor, "truescreen");
    expect(result).toEqual({
      ok: true,
      credits: 42,
      message: `Connected to TrueScreen at ${truescreen.baseUrl}. Balance: 42 credits.`,
    });
    expect(JSON.stringify(result)).not.toContain(key.api_key.slice(-8));
    expect(
      await systemDb.auditEntry.count({ where: { tenantId: actor.tenantId, action: "connection.tested" } }),
    ).toBe(1);
  });

  it("succeeds on any authenticated 2xx from /v1/credits, showing the balance only when it can be read", async () => {
    const key = truescreen.createKey({ credits: 42 });
    const actor = await tenantOn("truescreen", truescreen.baseUrl);
    await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
    const answer = async (body: string) => {
      await fetch(`${truescreen.baseUrl}/sandbox/keys/${key.api_key}`, {
        method: "PATCH",
        body: JSON.stringify({ faults: { endpoints: { credits: { answerBody: body } } } }),
      });
      return testConnection(actor, "truescreen");
    };
    expect(await answer('{"balance": 7}')).toMatchObject({ ok: true, credits: 7 });
    expect(await answer('{"data": {"available_credits": "12"}}')).toMatchObject({ ok: true, credits: 12 });
    expect(await answer('{"workspace": "Acme"}')).toEqual({
      ok: true,
      credits: null,
      message: `Connected to TrueScreen at ${truescreen.baseUrl}: the API key was accepted (its answer shows no balance Certdesk can read).`,
    });
    expect(await answer("OK")).toMatchObject({ ok: true, credits: null });
  });

  it("says so when TrueScreen refuses the key, or no key is saved", async () => {
    const actor = await tenantOn("truescreen", truescreen.baseUrl);
    expect(await testConnection(actor, "truescreen")).toEqual({
      ok: false,
      message: "No TrueScreen API key is saved yet. Save one, then test.",
    });
    await saveTenantSecret(actor, "truescreen.api_key", "ts_sandbox_not_a_real_key_at_all");
    expect(await testConnection(actor, "truescreen")).toEqual({
      ok: false,
      message: "TrueScreen refused the API key. Check the key in Settings > Connections.",
    });
  });

  it("accepts a good TrustedForm key and refuses a bad one, claiming and billing nothing", async () => {
    const account = trustedform.createAccount({ balance: 7 });
    const actor = await tenantOn("trustedform", trustedform.baseUrl);
    await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
    expect(await testConnection(actor, "trustedform")).toMatchObject({
      ok: true,
      message: expect.stringMatching(/API key was accepted\. Nothing was claimed or billed\./),
    });
    expect(trustedform.listAccounts().find((a) => a.api_key === account.api_key)?.balance).toBe(7);
    await saveTenantSecret(actor, "trustedform.api_key", "tf_sandbox_wrong_key_0000");
    expect(await testConnection(actor, "trustedform")).toEqual({
      ok: false,
      message: "TrustedForm refused the API key. Copy it again from the Settings tab of the TrustedForm app.",
    });
  });

  it("explains an unreachable service and a timeout", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    allowSandboxOrigins(closed);
    const actor = await tenantOn("truescreen", closed);
    await saveTenantSecret(actor, "truescreen.api_key", "ts_sandbox_any_key_1234");
    expect(await testConnection(actor, "truescreen")).toEqual({
      ok: false,
      message: `Nothing answers at ${closed}: TrueScreen cannot be reached. Check the URL, or that the sandbox is running.`,
    });

    // A server that accepts the connection and never answers.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    allowSandboxOrigins(silentUrl);
    await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: silentUrl });
    expect(await testConnection(actor, "truescreen")).toEqual({
      ok: false,
      message: `TrueScreen did not answer within 10 seconds at ${silentUrl}. Try again, or check the service's status.`,
    });
    silent.close();
  }, 30_000);
});

describe("connections", () => {
  it("shows production URLs fixed, a webhook URL with an opaque token, and refuses unsafe sandbox URLs", async () => {
    const { actor } = await createTenantWithOwner();
    const view = await getConnections(actor);
    expect(view.trustedform.productionUrl).toBe("https://cert.trustedform.com");
    expect(view.truescreen.webhookUrl).toMatch(/\/api\/webhooks\/truescreen\/[\w-]{32}$/);
    expect(view.truescreen.webhookUrl).not.toContain(actor.tenantId);
    for (const bad of [
      "ftp://127.0.0.1",
      "http://user:pw@127.0.0.1:4010",
      "http://127.0.0.1:4010/v1",
      "http://127.0.0.1:4010/?a=1",
      "not a url",
    ]) {
      await expect(
        updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: bad }),
      ).rejects.toThrow();
    }
    await updateConnection(actor, "trustedform", { environment: "production" });
    expect((await getConnections(actor)).trustedform.baseUrl).toBe("https://cert.trustedform.com");
  });
});
