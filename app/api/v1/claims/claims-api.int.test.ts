// The public API's claims endpoints over the route handlers, against the TrustedForm sandbox over real HTTP: tokens,
// scopes, revocation, rate limits, idempotency (replay, another body, in flight, concurrent duplicates), the money
// rule (one live claim per certificate), decisions by token, filters and pages, and another tenant's ids and token.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { systemDb } from "@/lib/db/client";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { hashApiToken } from "@/lib/api-tokens/api-token-secret";
import { problemType } from "@/lib/api/problem";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { call, newApiToken } from "@/scripts/test/api-calls";
import { addUserToTenant, createTenantWithOwner, setTrustedFormApi } from "@/scripts/test/factories";
import * as claims from "./route";
import * as claimById from "./[id]/route";
import * as decision from "./[id]/decision/route";
import * as claimBundle from "./[id]/bundle/route";
import * as batches from "../claim-batches/route";
import * as batchById from "../claim-batches/[id]/route";

// The route handlers are server modules; here they run in plain Node.
vi.mock("server-only", () => ({}));

let sandbox: TrustedFormSandbox;

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
});

const PAGE = "By clicking Submit I consent to be contacted by Acme at the number provided.";

async function newTenant() {
  const account = sandbox.createAccount({ balance: 100 });
  const { actor, tenant, owner } = await createTenantWithOwner();
  await setTrustedFormApi(tenant.id, "3.0");
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  return { actor, tenant, owner, account };
}

const cert = () => sandbox.createCertificate({ page_text: PAGE, email: "lead@example.com" });

async function sandboxClaims(certId: string): Promise<number> {
  const record = (await (await fetch(`${sandbox.baseUrl}/sandbox/certificates/${certId}`)).json()) as {
    claims: unknown[];
  };
  return record.claims.length;
}

const key = () => crypto.randomUUID();

describe("POST /api/v1/claims", () => {
  it("claims with a token, names the token in the audit log and the claim, and replays the same key", async () => {
    const { actor, tenant } = await newTenant();
    const token = await newApiToken(actor, ["claims:write", "claims:read"], "Lead intake");
    const c = cert();
    const body = { certUrl: c.cert_url, email: "lead@example.com", reference: "L-1", vendor: "Acme" };
    const idempotencyKey = key();
    const first = await call(claims.POST, "POST", { token, body, key: idempotencyKey });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      status: "claimed",
      outcome: "success",
      createdBy: 'API token "Lead intake"',
      certId: c.cert_id,
    });
    // The same key and body (keys in another order): the first answer, not a second claim.
    const again = await call(claims.POST, "POST", {
      token,
      body: { vendor: "Acme", reference: "L-1", email: "lead@example.com", certUrl: c.cert_url },
      key: idempotencyKey,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect(await systemDb.claim.count({ where: { tenantId: tenant.id, certId: c.cert_id } })).toBe(1);
    expect(await sandboxClaims(c.cert_id)).toBe(1);
    const audit = await systemDb.auditEntry.findFirstOrThrow({
      where: { tenantId: tenant.id, action: "claim.claimed", targetId: first.json.id },
    });
    expect(audit.actorEmail).toBe('API token "Lead intake"');
    // Another body under the same key: 422, nothing sent.
    const other = await call(claims.POST, "POST", {
      token,
      body: { ...body, reference: "L-2" },
      key: idempotencyKey,
    });
    expect(other.status).toBe(422);
    expect(other.headers.get("content-type")).toBe("application/problem+json");
    expect(other.json.type).toBe(problemType("idempotency-key-reused"));
    // A new key for the same certificate: the money rule refuses a second live claim (409), nothing is sent.
    const second = await call(claims.POST, "POST", { token, body, key: key() });
    expect(second.status).toBe(409);
    expect(second.json.type).toBe(problemType("conflict"));
    expect(await sandboxClaims(c.cert_id)).toBe(1);
  });

  it("requires an Idempotency-Key, JSON and a valid body", async () => {
    const { actor } = await newTenant();
    const token = await newApiToken(actor, ["claims:write"]);
    const body = { certUrl: cert().cert_url };
    const missing = await call(claims.POST, "POST", { token, body });
    expect(missing.status).toBe(400);
    expect(missing.json.type).toBe(problemType("idempotency-key-required"));
    const badKey = await call(claims.POST, "POST", { token, body, key: "has spaces" });
    expect(badKey.status).toBe(400);
    const notJson = await call(claims.POST, "POST", {
      token,
      key: key(),
      headers: { "content-type": "text/plain" },
    });
    expect(notJson.status).toBe(415);
    const invalid = await call(claims.POST, "POST", {
      token,
      body: { certUrl: "", email: "nope" },
      key: key(),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.type).toBe(problemType("invalid-request"));
    expect(invalid.json.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(["certUrl", "email"]),
    );
    const hostile = await call(claims.POST, "POST", {
      token,
      body: { certUrl: "https://cert.trustedform.com.evil.example/0123456789abcdef0123456789abcdef01234567" },
      key: key(),
    });
    expect(hostile.status).toBe(400);
    const huge = await call(claims.POST, "POST", {
      token,
      body: { certUrl: "x", requiredText: "a".repeat(2 * 1024 * 1024) },
      key: key(),
    });
    expect(huge.status).toBe(413);
  });

  it("refuses hostile body shapes (400, 413), survives deep JSON, and refuses a key reused on another endpoint", async () => {
    const { actor, tenant } = await newTenant();
    const token = await newApiToken(actor, ["claims:read", "claims:write"]);
    const c = cert();
    for (const body of [
      { certUrl: { toString: c.cert_url } },
      { certUrl: [c.cert_url] },
      [{ certUrl: c.cert_url }],
      null,
      "just a string",
      { certUrl: c.cert_url, email: { $ne: "" } },
      { certUrl: c.cert_url, policyId: { not: "x" } },
    ]) {
      const answer = await call(claims.POST, "POST", { token, body, key: key() });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.type).toBe(problemType("invalid-request"));
    }
    // Deep nesting under an unknown key: parsed, stripped by the schema, never walked recursively.
    const deep = `{"certUrl":${JSON.stringify(c.cert_url)},"x":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    const nested = await claims.POST(
      new Request("http://localhost/api/v1/claims", {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "idempotency-key": "deep-1",
        },
        body: deep,
      }),
      { params: Promise.resolve({}) },
    );
    expect(nested.status).toBe(201);
    // A body streamed without Content-Length is counted as it comes and cut at the limit.
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 64) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await claims.POST(
      new Request("http://localhost/api/v1/claims", {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "idempotency-key": "s",
        },
        body: endless,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({}) },
    );
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(64);
    // The claim's key on the batch endpoint: refused, nothing queued.
    const reused = await call(batches.POST, "POST", {
      token,
      body: { rows: [{ certUrl: cert().cert_url }] },
      key: "deep-1",
    });
    expect(reused.status).toBe(422);
    expect(reused.json.type).toBe(problemType("idempotency-key-reused"));
    expect(await systemDb.claimBatch.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await systemDb.claim.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it("answers 409 while the first request with a key is in flight, and concurrent duplicates make one claim", async () => {
    const { actor, tenant, account } = await newTenant();
    const token = await newApiToken(actor, ["claims:write"]);
    await fetch(`${sandbox.baseUrl}/sandbox/accounts/${account.api_key}`, {
      method: "PATCH",
      body: JSON.stringify({ faults: { latencyMs: 600 } }),
    });
    const c = cert();
    const idempotencyKey = key();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(claims.POST, "POST", { token, body: { certUrl: c.cert_url }, key: idempotencyKey }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const answer of answers.filter((a) => a.status === 409))
      expect(answer.json.type).toBe(problemType("idempotency-key-in-flight"));
    expect(await systemDb.claim.count({ where: { tenantId: tenant.id, certId: c.cert_id } })).toBe(1);
    expect(await sandboxClaims(c.cert_id)).toBe(1);
    // Once the first has finished, its answer is replayed.
    const later = await call(claims.POST, "POST", {
      token,
      body: { certUrl: c.cert_url },
      key: idempotencyKey,
    });
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBe("true");
  });

  it("keeps a key per tenant: another tenant may use the same key for its own claim", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const shared = key();
    const first = await call(claims.POST, "POST", {
      token: await newApiToken(a.actor, ["claims:write"]),
      body: { certUrl: cert().cert_url },
      key: shared,
    });
    const second = await call(claims.POST, "POST", {
      token: await newApiToken(b.actor, ["claims:write"]),
      body: { certUrl: cert().cert_url },
      key: shared,
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get("idempotent-replayed")).toBeNull();
    expect(second.json.id).not.toBe(first.json.id);
  });

  it("replaces a key once its 24 hours are over", async () => {
    const { actor, tenant } = await newTenant();
    const token = await newApiToken(actor, ["claims:write"]);
    const idempotencyKey = key();
    const first = await call(claims.POST, "POST", {
      token,
      body: { certUrl: cert().cert_url },
      key: idempotencyKey,
    });
    await systemDb.idempotencyKey.updateMany({
      where: { tenantId: tenant.id, key: idempotencyKey },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const second = await call(claims.POST, "POST", {
      token,
      body: { certUrl: cert().cert_url },
      key: idempotencyKey,
    });
    expect(second.status).toBe(201);
    expect(second.json.id).not.toBe(first.json.id);
  });
});

describe("the token gate", () => {
  it("refuses a missing, malformed, unknown and revoked token with 401 problems", async () => {
    const { actor } = await newTenant();
    const token = await newApiToken(actor, ["claims:read"]);
    for (const bad of [null, "nonsense", `cdk_${"A".repeat(43)}`, `${token}x`]) {
      const answer = await call(claims.GET, "GET", { token: bad });
      expect(answer.status).toBe(401);
      expect(answer.json.type).toBe(problemType("unauthorized"));
      expect(answer.headers.get("www-authenticate")).toContain("Bearer");
    }
    expect(
      (await call(claims.GET, "GET", { token, headers: { authorization: `Basic ${token}` } })).status,
    ).toBe(401);
    expect((await call(claims.GET, "GET", { token })).status).toBe(200);
    const row = await systemDb.apiToken.findUniqueOrThrow({ where: { tokenHash: hashApiToken(token) } });
    expect(row.lastUsedAt).not.toBeNull();
    await revokeApiToken(actor, row.id);
    const revoked = await call(claims.GET, "GET", { token });
    expect(revoked.status).toBe(401);
    const audit = await systemDb.auditEntry.findFirst({
      where: { tenantId: row.tenantId, action: "api_token.revoked", targetId: row.id },
    });
    expect(audit?.actorEmail).toBe(
      (await systemDb.user.findFirstOrThrow({ where: { memberships: { some: { tenantId: row.tenantId } } } }))
        .email,
    );
  });

  it("refuses a scope the token lacks with 403, for each scope", async () => {
    const { actor } = await newTenant();
    const readOnly = await newApiToken(actor, ["claims:read", "certifications:read"]);
    const post = await call(claims.POST, "POST", {
      token: readOnly,
      body: { certUrl: cert().cert_url },
      key: key(),
    });
    expect(post.status).toBe(403);
    expect(post.json.type).toBe(problemType("insufficient-scope"));
    const decide = await call(
      decision.POST,
      "POST",
      { token: readOnly, body: { decision: "accepted" } },
      { id: crypto.randomUUID() },
    );
    expect(decide.status).toBe(403);
    const batch = await call(batches.POST, "POST", { token: readOnly, body: { rows: [{}] }, key: key() });
    expect(batch.status).toBe(403);
    const certificationsOnly = await newApiToken(actor, ["certifications:read"]);
    expect((await call(claims.GET, "GET", { token: certificationsOnly })).status).toBe(403);
  });

  it("rate-limits per token with 429 and Retry-After, counted in PostgreSQL, without touching other tokens", async () => {
    const { actor } = await newTenant();
    const token = await newApiToken(actor, ["claims:read"]);
    const other = await newApiToken(actor, ["claims:read"]);
    await systemDb.apiToken.update({
      where: { tokenHash: hashApiToken(token) },
      data: { rateLimitPerMinute: 3 },
    });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof call>> | null = null;
    for (let i = 0; i < 5; i++) {
      const answer = await call(claims.GET, "GET", { token });
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    // Three in a window; a window may turn over mid-loop, so at least one is refused only if it did not.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(limited!.json.type).toBe(problemType("rate-limited"));
    const retryAfter = Number(limited!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await call(claims.GET, "GET", { token: other })).status).toBe(200);
  });

  it("creates tokens only with valid scopes and unique names, and only by admins", async () => {
    const { actor, tenant } = await newTenant();
    await newApiToken(actor, ["claims:read"], "Twice");
    await expect(newApiToken(actor, ["claims:read"], "Twice")).rejects.toThrow(/already exists/);
    const { createApiToken } = await import("@/lib/api-tokens/create-api-token");
    await expect(createApiToken(actor, { name: "x", scopes: ["claims:delete"] as never })).rejects.toThrow(
      /not a token scope/,
    );
    await expect(createApiToken(actor, { name: "x", scopes: [] })).rejects.toThrow(/at least one scope/);
    const reviewer = await addUserToTenant(tenant.id, "reviewer");
    await expect(createApiToken(reviewer.actor, { name: "mine", scopes: ["claims:read"] })).rejects.toThrow(
      /Only admins/,
    );
    const stored = await systemDb.apiToken.findMany({ where: { tenantId: tenant.id } });
    for (const row of stored) expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("reading and deciding claims", () => {
  it("gets, lists with the UI's filters and pages, decides by token and downloads the bundle", async () => {
    const { actor } = await newTenant();
    const token = await newApiToken(actor, ["claims:write", "claims:read", "decisions:write"], "Desk bot");
    const ids: string[] = [];
    for (const vendor of ["V1", "V1", "V2"]) {
      const made = await call(claims.POST, "POST", {
        token,
        body: { certUrl: cert().cert_url, vendor },
        key: key(),
      });
      ids.push(made.json.id);
    }
    const one = await call(claimById.GET, "GET", { token }, { id: ids[0]! });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: ids[0], vendor: "V1", status: "claimed" });

    const page1 = await call(claims.GET, "GET", { token, path: "/api/v1/claims?vendor=V1&limit=1" });
    expect(page1.json.data).toHaveLength(1);
    expect(page1.json.next).toEqual(expect.any(String));
    const page2 = await call(claims.GET, "GET", {
      token,
      path: `/api/v1/claims?vendor=V1&limit=1&cursor=${page1.json.next}`,
    });
    expect(page2.json.data).toHaveLength(1);
    expect(page2.json.next).toBeNull();
    expect([page1.json.data[0].id, page2.json.data[0].id].sort()).toEqual([ids[0], ids[1]].sort());
    const badFilter = await call(claims.GET, "GET", { token, path: "/api/v1/claims?outcome=maybe" });
    expect(badFilter.status).toBe(400);
    expect(badFilter.json.detail).toContain("outcome");
    expect((await call(claims.GET, "GET", { token, path: "/api/v1/claims?limit=100000" })).status).toBe(400);

    const rejectWithoutReason = await call(
      decision.POST,
      "POST",
      { token, body: { decision: "rejected" } },
      { id: ids[2]! },
    );
    expect(rejectWithoutReason.status).toBe(400);
    const decided = await call(
      decision.POST,
      "POST",
      { token, body: { decision: "rejected", reason: "Wrong vendor" } },
      { id: ids[2]! },
    );
    expect(decided.status).toBe(200);
    expect(decided.json).toMatchObject({ decision: "rejected", decidedBy: 'API token "Desk bot"' });
    // A token that may only decide learns the decision, not the claim's facts.
    const decideOnly = await newApiToken(actor, ["decisions:write"]);
    const decidedBlind = await call(
      decision.POST,
      "POST",
      { token: decideOnly, body: { decision: "accepted" } },
      { id: ids[1]! },
    );
    expect(decidedBlind.status).toBe(200);
    expect(Object.keys(decidedBlind.json).sort()).toEqual([
      "decidedAt",
      "decidedBy",
      "decision",
      "decisionReason",
      "id",
    ]);
    const rejected = await call(claims.GET, "GET", { token, path: "/api/v1/claims?review=rejected" });
    expect(rejected.json.data.map((c: { id: string }) => c.id)).toEqual([ids[2]]);

    const bundle = await call(claimBundle.GET, "GET", { token }, { id: ids[0]! });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toBe("application/zip");
    const zip = Buffer.from(await bundle.response.arrayBuffer());
    expect(zip.subarray(0, 2).toString()).toBe("PK");
  });

  it("creates a bulk batch from JSON rows, refusing bad rows with reasons, and follows it", async () => {
    const { actor } = await newTenant();
    const token = await newApiToken(actor, ["claims:write", "claims:read"]);
    const rows = [{ certUrl: cert().cert_url }, { certUrl: "https://example.com/not-a-cert" }];
    const idempotencyKey = key();
    const created = await call(batches.POST, "POST", {
      token,
      body: { name: "Nightly", rows },
      key: idempotencyKey,
    });
    expect(created.status).toBe(201);
    expect(created.json.accepted).toBe(1);
    expect(created.json.refused).toEqual([expect.objectContaining({ row: 2, reason: expect.any(String) })]);
    const replay = await call(batches.POST, "POST", {
      token,
      body: { name: "Nightly", rows },
      key: idempotencyKey,
    });
    expect(replay.json.id).toBe(created.json.id);
    const followed = await call(batchById.GET, "GET", { token }, { id: created.json.id });
    expect(followed.status).toBe(200);
    expect(followed.json).toMatchObject({
      id: created.json.id,
      name: "Nightly",
      totalRows: 2,
      acceptedRows: 1,
    });
    expect(followed.json.counts.queued).toBe(1);
    const none = await call(batches.POST, "POST", { token, body: { rows: [] }, key: key() });
    expect(none.status).toBe(400);
  });
});

describe("tenant isolation", () => {
  it("answers another tenant's ids like missing ones, on every claims route, with a valid token", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const bToken = await newApiToken(b.actor, ["claims:write", "claims:read", "decisions:write"]);
    const bClaim = (
      await call(claims.POST, "POST", { token: bToken, body: { certUrl: cert().cert_url }, key: key() })
    ).json.id as string;
    const bBatch = (
      await call(batches.POST, "POST", {
        token: bToken,
        body: { rows: [{ certUrl: cert().cert_url }] },
        key: key(),
      })
    ).json.id as string;
    const aToken = await newApiToken(a.actor, ["claims:write", "claims:read", "decisions:write"]);
    const missing = crypto.randomUUID();
    const pairs: Array<[string, (id: string) => Promise<{ status: number; json: unknown }>]> = [
      ["claim", (id) => call(claimById.GET, "GET", { token: aToken }, { id })],
      [
        "decision",
        (id) => call(decision.POST, "POST", { token: aToken, body: { decision: "accepted" } }, { id }),
      ],
      ["bundle", (id) => call(claimBundle.GET, "GET", { token: aToken }, { id })],
      ["batch", (id) => call(batchById.GET, "GET", { token: aToken }, { id })],
    ];
    for (const [name, get] of pairs) {
      const foreign = await get(name === "batch" ? bBatch : bClaim);
      const absent = await get(missing);
      expect(foreign.status, name).toBe(404);
      expect(foreign.json, name).toEqual(absent.json);
    }
    const listed = await call(claims.GET, "GET", { token: aToken, path: `/api/v1/claims?batch=${bBatch}` });
    expect(listed.json.data).toEqual([]);
    expect((await call(claims.GET, "GET", { token: aToken })).json.data).toEqual([]);
    // A's claim of B's certificate is A's own: B's live claim does not block it, and B's rows are untouched.
    const bDecision = await systemDb.claim.findUniqueOrThrow({ where: { id: bClaim } });
    expect(bDecision.decision).toBeNull();
  });
});
