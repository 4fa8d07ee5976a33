// The MCP endpoint driven by the SDK's own Client over StreamableHTTPClientTransport, against the route handler served
// on a real HTTP port and the TrustedForm and TrueScreen sandboxes: every tool, its scope, its audit entry, idempotency
// of the money tools, and another tenant's ids answering like missing ones.
import crypto from "node:crypto";
import { serve, type ServerType } from "@hono/node-server";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";
import { TrueScreenSandbox } from "@/sandbox/truescreen/truescreen-sandbox";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { systemDb } from "@/lib/db/client";
import { problemType } from "@/lib/api/problem";
import type { TokenScope } from "@/lib/api-tokens/token-scopes";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { newApiToken } from "@/scripts/test/api-calls";
import { createTenantWithOwner, setTrustedFormApi } from "@/scripts/test/factories";
import * as mcpRoute from "./route";

vi.mock("server-only", () => ({}));

let trustedform: TrustedFormSandbox;
let truescreen: TrueScreenSandbox;
let server: ServerType;
let endpoint: URL;

beforeAll(async () => {
  trustedform = new TrustedFormSandbox({ port: 0 });
  await trustedform.start();
  truescreen = new TrueScreenSandbox({ port: 0, dataDir: null, processingMs: 200 });
  await truescreen.start();
  allowSandboxOrigins(trustedform.baseUrl, truescreen.baseUrl);
  await new Promise<void>((resolve) => {
    server = serve(
      {
        fetch: (request: Request) =>
          request.method === "GET"
            ? mcpRoute.GET()
            : request.method === "DELETE"
              ? mcpRoute.DELETE()
              : mcpRoute.POST(request),
        port: 0,
        hostname: "127.0.0.1",
      },
      (info) => {
        endpoint = new URL(`http://127.0.0.1:${info.port}/api/mcp`);
        resolve();
      },
    );
  });
});

afterAll(async () => {
  (server as unknown as { closeAllConnections(): void }).closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await trustedform.stop();
  await truescreen.stop();
});

async function newTenant() {
  const { actor, tenant } = await createTenantWithOwner();
  await setTrustedFormApi(tenant.id, "3.0");
  const account = trustedform.createAccount({ balance: 100 });
  await updateConnection(actor, "trustedform", {
    environment: "sandbox",
    sandboxBaseUrl: trustedform.baseUrl,
  });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const key = truescreen.createKey({ credits: 100 });
  await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: truescreen.baseUrl });
  await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
  await saveTenantSecret(actor, "truescreen.webhook_secret", key.webhook_secret);
  return { actor, tenant };
}

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: "certdesk-test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(endpoint, {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

type ToolAnswer = { isError?: boolean; content: Array<{ type: string; text?: string }> };
const body = (answer: unknown) => JSON.parse((answer as ToolAnswer).content[0]!.text!);
const cert = () => trustedform.createCertificate({ page_text: "I consent.", email: "lead@example.com" });

describe("the MCP endpoint", () => {
  it("lists the tools with input schemas from the API's schemas, and refuses a bad token", async () => {
    const { actor } = await newTenant();
    const client = await connect(await newApiToken(actor));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        "certify_hashes",
        "claim_certificate",
        "consent_lookup",
        "get_certification",
        "get_claim",
        "search_claims",
        "wait_for_certification",
      ].sort(),
    );
    const claim = tools.find((t) => t.name === "claim_certificate")!;
    expect(claim.inputSchema.required).toEqual(expect.arrayContaining(["certUrl", "idempotencyKey"]));
    await client.close();
    await expect(connect(`cdk_${"A".repeat(43)}`)).rejects.toThrow();
    const raw = await fetch(endpoint, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(raw.status).toBe(401);
  });

  it("claims idempotently, gets, searches and looks up consent, each call audited under the token", async () => {
    const { actor, tenant } = await newTenant();
    const client = await connect(await newApiToken(actor, ["claims:read", "claims:write"], "Assistant"));
    const c = cert();
    const idempotencyKey = crypto.randomUUID();
    const args = { certUrl: c.cert_url, email: "Lead@Example.com", reference: "MCP-1", idempotencyKey };
    const first = await client.callTool({ name: "claim_certificate", arguments: args });
    expect(first.isError).toBeFalsy();
    const claimed = body(first);
    expect(claimed).toMatchObject({
      status: "claimed",
      createdBy: 'API token "Assistant"',
      reference: "MCP-1",
    });
    const again = await client.callTool({ name: "claim_certificate", arguments: args });
    expect(body(again).id).toBe(claimed.id);
    expect(await systemDb.claim.count({ where: { tenantId: tenant.id, certId: c.cert_id } })).toBe(1);
    const other = await client.callTool({
      name: "claim_certificate",
      arguments: { ...args, reference: "MCP-2" },
    });
    expect(other.isError).toBe(true);
    expect(body(other).type).toBe(problemType("idempotency-key-reused"));
    const noKey = await client.callTool({ name: "claim_certificate", arguments: { certUrl: c.cert_url } });
    expect(noKey.isError).toBe(true);

    expect(body(await client.callTool({ name: "get_claim", arguments: { id: claimed.id } })).id).toBe(
      claimed.id,
    );
    const search = body(await client.callTool({ name: "search_claims", arguments: { vendor: "nobody" } }));
    expect(search.data).toEqual([]);
    const all = body(await client.callTool({ name: "search_claims", arguments: {} }));
    expect(all.data.map((row: { id: string }) => row.id)).toEqual([claimed.id]);
    // The contact is hashed on the server with the browser's recipe: any case and spacing finds it.
    const consent = body(
      await client.callTool({ name: "consent_lookup", arguments: { email: "  LEAD@example.com " } }),
    );
    expect(consent.claims.map((row: { id: string }) => row.id)).toEqual([claimed.id]);
    const stored = await systemDb.claim.findUniqueOrThrow({ where: { id: claimed.id } });
    expect(JSON.stringify(stored).toLowerCase()).not.toContain("lead@example.com");

    const audited = await systemDb.auditEntry.findMany({
      where: { tenantId: tenant.id, action: "mcp.tool_called" },
      orderBy: { seq: "asc" },
    });
    // Seven calls ran; the one without an idempotencyKey was refused by the SDK's schema check before any tool ran.
    expect(audited.length).toBe(7);
    expect(new Set(audited.map((entry) => entry.actorEmail))).toEqual(new Set(['API token "Assistant"']));
    await client.close();
  });

  it("refuses tools outside the token's scopes", async () => {
    const { actor } = await newTenant();
    const scopes: TokenScope[] = ["claims:read"];
    const client = await connect(await newApiToken(actor, scopes));
    for (const [name, args] of [
      ["claim_certificate", { certUrl: cert().cert_url, idempotencyKey: crypto.randomUUID() }],
      ["certify_hashes", { title: "x", files: [{ name: "a", sha256: "a".repeat(64) }], idempotencyKey: "k" }],
      ["get_certification", { id: crypto.randomUUID() }],
    ] as const) {
      const answer = await client.callTool({ name, arguments: args });
      expect(answer.isError, name).toBe(true);
      expect(body(answer).type, name).toBe(problemType("insufficient-scope"));
    }
    await client.close();
  });

  it("certifies hashes once per key, gets the certification and waits for it", async () => {
    const { actor, tenant } = await newTenant();
    const client = await connect(await newApiToken(actor, ["certifications:read", "certifications:write"]));
    const args = {
      title: "Contract",
      files: [{ name: "contract.pdf", sha256: crypto.createHash("sha256").update("x").digest("hex") }],
      idempotencyKey: crypto.randomUUID(),
    };
    const created = body(await client.callTool({ name: "certify_hashes", arguments: args }));
    expect(created, JSON.stringify(created)).toMatchObject({ status: "pending" });
    expect(body(await client.callTool({ name: "certify_hashes", arguments: args })).id).toBe(created.id);
    expect(await systemDb.certification.count({ where: { tenantId: tenant.id } })).toBe(1);
    const got = body(await client.callTool({ name: "get_certification", arguments: { id: created.id } }));
    expect(got).toMatchObject({ id: created.id, title: "Contract", files: [{ name: "contract.pdf" }] });
    // Still pending when the timeout passes: answered as waiting.
    const waited = body(
      await client.callTool({
        name: "wait_for_certification",
        arguments: { id: created.id, timeoutSeconds: 1 },
      }),
    );
    expect(waited).toMatchObject({ status: "pending", waiting: true });
    // The worker completes it meanwhile: the wait returns it completed.
    setTimeout(() => {
      systemDb.certification
        .update({ where: { id: created.id }, data: { status: "completed", completedAt: new Date() } })
        .catch((error) => console.error("update failed", error));
    }, 1500);
    const done = body(
      await client.callTool({
        name: "wait_for_certification",
        arguments: { id: created.id, timeoutSeconds: 20 },
      }),
    );
    expect(done, JSON.stringify(done)).toMatchObject({ status: "completed", waiting: false });
    await client.close();
  });

  it("answers another tenant's ids like missing ones, in every tool that takes an id", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const bClient = await connect(await newApiToken(b.actor));
    const bClaim = body(
      await bClient.callTool({
        name: "claim_certificate",
        arguments: { certUrl: cert().cert_url, email: "b@example.com", idempotencyKey: crypto.randomUUID() },
      }),
    );
    const bCertification = await systemDb.certification.create({
      data: { tenantId: b.tenant.id, title: "B", mode: "hash", status: "pending", fileCount: 0 },
    });
    await bClient.close();
    const client = await connect(await newApiToken(a.actor));
    const missing = crypto.randomUUID();
    for (const [name, foreign] of [
      ["get_claim", bClaim.id],
      ["get_certification", bCertification.id],
      ["wait_for_certification", bCertification.id],
    ] as const) {
      const answer = await client.callTool({ name, arguments: { id: foreign, timeoutSeconds: 1 } });
      const absent = await client.callTool({ name, arguments: { id: missing, timeoutSeconds: 1 } });
      expect(answer.isError, name).toBe(true);
      expect(answer.content, name).toEqual(absent.content);
    }
    const search = body(await client.callTool({ name: "search_claims", arguments: {} }));
    expect(search.data).toEqual([]);
    const consent = body(
      await client.callTool({ name: "consent_lookup", arguments: { email: "b@example.com" } }),
    );
    expect(consent.claims).toEqual([]);
    await client.close();
  });
});

describe("the MCP endpoint against a hostile caller", () => {
  const rpc = (token: string, message: unknown) =>
    fetch(endpoint, {
      method: "POST",
      body: JSON.stringify(message),
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": "2025-06-18",
      },
    });
  const toolCall = (id: number, name: string, args: unknown) => ({
    jsonrpc: "2.0",
    id,
    method: "tools/call",
    params: { name, arguments: args },
  });

  it("does not let one request carry a batch of tool calls past the token's rate limit", async () => {
    const { actor, tenant } = await newTenant();
    const token = await newApiToken(actor, ["claims:read"], "Batcher");
    await systemDb.apiToken.updateMany({ where: { tenantId: tenant.id }, data: { rateLimitPerMinute: 2 } });
    const batch = Array.from({ length: 20 }, (_, i) => toolCall(i + 1, "search_claims", {}));
    const answer = await rpc(token, batch);
    const text = await answer.text();
    // Twenty tool calls for one request of a token allowed two a minute: refused, and no tool ran.
    expect(answer.status, text).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ jsonrpc: "2.0", error: { code: -32600 } });
    const ran = await systemDb.auditEntry.count({
      where: { tenantId: tenant.id, action: "mcp.tool_called" },
    });
    expect(ran).toBe(0);
    // One message per request still works (and counts).
    const single = await rpc(token, toolCall(1, "search_claims", {}));
    expect(single.status).toBe(200);
    expect(await single.json()).toMatchObject({ id: 1, result: { structuredContent: { data: [] } } });
  });

  it("opens no endless server-sent event stream on GET (the server is stateless: 405)", async () => {
    const { actor } = await newTenant();
    const token = await newApiToken(actor, ["claims:read"]);
    const abort = new AbortController();
    const answer = await fetch(endpoint, {
      method: "GET",
      headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
      signal: abort.signal,
    });
    try {
      expect(answer.headers.get("content-type") ?? "").not.toContain("text/event-stream");
      expect(answer.status).toBe(405);
      expect(answer.headers.get("allow")).toBe("POST");
    } finally {
      abort.abort();
    }
    const unauthenticated = await fetch(endpoint, {
      method: "GET",
      headers: { accept: "text/event-stream" },
    });
    expect(unauthenticated.status).toBe(405);
    expect((await fetch(endpoint, { method: "DELETE" })).status).toBe(405);
  });
});
