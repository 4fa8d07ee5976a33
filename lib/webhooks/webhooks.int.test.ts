// Outgoing webhooks from the outside in: a tenant admin types the address, so every private, loopback or link-local
// spelling and a name that rebinds between registration and delivery must get no connection; deliveries must verify
// with the standardwebhooks library on the receiving side; failures retry with backoff through pg-boss; redirects
// are not followed; another tenant's endpoints and deliveries are invisible.
import crypto from "node:crypto";
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { reloadConfig } from "@/lib/config";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { systemDb } from "@/lib/db/client";
import type { DomainEvent } from "@/lib/events/domain-event";
import { dispatchDomainEvents } from "@/lib/jobs/dispatch-domain-events";
import { startJobQueues } from "@/lib/jobs/job-queues";
import { deliverWebhook, runWebhookWorker } from "@/lib/jobs/webhook-delivery-queue";
import { generateMasterKeyEntry } from "@/lib/secrets/master-keys";
import { resealAllSecrets } from "@/lib/secrets/reseal-all-secrets";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { startCaptureServer, type CaptureServer } from "@/scripts/test/capture-server";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { createWebhookEndpoint } from "./create-webhook-endpoint";
import { deleteWebhookEndpoint } from "./delete-webhook-endpoint";
import { getWebhookEndpoint } from "./get-webhook-endpoint";
import { listWebhookEndpoints } from "./list-webhook-endpoints";
import { replayWebhookDelivery } from "./replay-webhook-delivery";
import { rotateWebhookSecret } from "./rotate-webhook-secret";
import { sendTestWebhook } from "./send-test-webhook";
import { sendWebhook, type Resolve } from "./send-webhook";
import { updateWebhookEndpoint } from "./update-webhook-endpoint";
import { webhooksConsumer } from "./webhooks-consumer";

let receiver: CaptureServer;
let hostile: CaptureServer;

function allowWebhookHosts(value: string | undefined) {
  if (value === undefined) delete process.env.CERTDESK_WEBHOOK_ALLOWED_HOSTS;
  else process.env.CERTDESK_WEBHOOK_ALLOWED_HOSTS = value;
  reloadConfig();
}

beforeAll(async () => {
  receiver = await startCaptureServer({ status: 204 });
  hostile = await startCaptureServer({ status: 200, body: "internal secrets" });
});
afterAll(async () => {
  await receiver.close();
  await hostile.close();
});
afterEach(() => allowWebhookHosts(undefined));

const ALL_EVENTS = [
  "claim.settled",
  "batch.finished",
  "certification.completed",
  "certification.failed",
] as const;

/** A resolver that answers from a script: each call takes the next answer (the last one repeats). */
function scriptedResolver(...answers: string[][]): Resolve & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return answer.map((address) => ({ address, family: net.isIPv6(address) ? (6 as const) : (4 as const) }));
  };
  return Object.assign(resolve, { calls });
}

let seq = 1_000_000;
function claimSettled(tenantId: string, claimId: string): DomainEvent {
  seq += 1;
  return {
    tenantId,
    seq,
    name: "claim.settled",
    action: "claim.claimed",
    subject: { type: "claim", id: claimId },
    at: new Date(),
    details: {},
    actorEmail: null,
  };
}

async function consume(tenantId: string, event: DomainEvent) {
  const system = openTenantContext(tenantId, { kind: "system", name: "events" });
  await system.transaction((tx) => webhooksConsumer.handle(tx, event));
}

async function settledClaim(tenantId: string) {
  return systemDb.claim.create({
    data: {
      tenantId,
      certId: crypto.randomBytes(20).toString("hex"),
      certUrl: "https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567",
      status: "claimed",
      outcome: "success",
      emailFingerprint: "f".repeat(64),
      reference: "lead of jane.doe@example.com",
      vendor: "Acme Leads",
      claimedAt: new Date(),
    },
  });
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("webhook targets", () => {
  it("refuses private, loopback, link-local, ULA, mapped and disguised addresses at registration and at send", async () => {
    const { actor } = await createTenantWithOwner();
    const port = hostile.port;
    const targets = [
      `http://hooks.example.com/`,
      `https://127.0.0.1:${port}/`,
      `https://localhost:${port}/`,
      `https://10.1.2.3/`,
      `https://172.16.0.9/`,
      `https://192.168.1.1/`,
      `https://169.254.169.254/latest/meta-data/`,
      `https://100.64.0.1/`,
      `https://0.0.0.0:${port}/`,
      `https://[::1]:${port}/`,
      `https://[fd12:3456:789a::1]/`,
      `https://[fc00::1]/`,
      `https://[fe80::1]/`,
      `https://[::ffff:127.0.0.1]:${port}/`,
      `https://[::ffff:a9fe:a9fe]/`,
      `https://[64:ff9b::7f00:1]/`,
      `https://2130706433:${port}/`,
      `https://0x7f000001:${port}/`,
      `https://0177.0.0.1:${port}/`,
      `https://127.1:${port}/`,
      `https://2852039166/`,
      `https://user:pw@hooks.example.com/`,
      `ftp://hooks.example.com/`,
      `javascript:alert(1)`,
    ];
    for (const url of targets) {
      const error = await errorOf(createWebhookEndpoint(actor, { url, events: ["claim.settled"] }));
      expect(error, url).toBeInstanceOf(UserFacingError);
      expect(error.message, url).not.toMatch(/127\.0\.0\.1|::1|169\.254/);
      const sent = await sendWebhook(url, { headers: {}, body: "{}" });
      expect(sent, url).toMatchObject({ ok: false, statusCode: null });
    }
    expect(await listWebhookEndpoints(actor)).toEqual([]);
    expect(hostile.connections()).toBe(0);
  });

  it("refuses a name whose answers include one private address, in words, without naming it", async () => {
    const { actor } = await createTenantWithOwner();
    const error = await errorOf(
      createWebhookEndpoint(
        actor,
        { url: "https://hooks.example.com/in", events: ["claim.settled"] },
        { resolve: scriptedResolver(["93.184.215.14", "10.0.0.7"]) },
      ),
    );
    expect(error.message).toBe(
      "Certdesk does not send webhooks there: the host resolves to a private network address. Webhook endpoints must be on the public internet.",
    );
  });

  it("checks the address the connection resolves: a name that rebinds to loopback after registration gets nothing", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const resolve = scriptedResolver(["93.184.215.14"], ["127.0.0.1"]);
    const { id } = await createWebhookEndpoint(
      actor,
      { url: `https://rebind.example.test:${hostile.port}/hook`, events: ["claim.settled"] },
      { resolve },
    );
    const claim = await settledClaim(tenant.id);
    await consume(tenant.id, claimSettled(tenant.id, claim.id));
    const [delivery] = (await getWebhookEndpoint(actor, id))!.deliveries;
    const outcome = await deliverWebhook(delivery!.id, { resolve, retryDelaysSeconds: [] });
    expect(outcome).toEqual({
      kind: "failed",
      error:
        "Certdesk does not send webhooks there: the host resolves to a loopback address. Webhook endpoints must be on the public internet.",
    });
    expect(resolve.calls).toEqual(["rebind.example.test", "rebind.example.test"]);
    expect(hostile.connections()).toBe(0);
  });

  it("lets the deployment allow named local hosts (http included), matched exactly on host and port", async () => {
    const { actor } = await createTenantWithOwner();
    allowWebhookHosts(`127.0.0.1:${receiver.port}, receiver.internal`);
    await createWebhookEndpoint(actor, { url: `${receiver.origin}/ok`, events: ["claim.settled"] });
    for (const url of [`http://127.0.0.1:${hostile.port}/`, `http://localhost:${receiver.port}/`]) {
      await expect(createWebhookEndpoint(actor, { url, events: ["claim.settled"] }), url).rejects.toThrow();
    }
    // An allowed name may resolve to loopback, and the connection goes where the lookup said.
    const before = receiver.requests.length;
    const sent = await sendWebhook(`http://receiver.internal:${receiver.port}/named`, {
      headers: {},
      body: "{}",
      resolve: scriptedResolver(["127.0.0.1"]),
    });
    expect(sent).toMatchObject({ ok: true, statusCode: 204, error: null });
    expect(receiver.requests.slice(before).map((r) => r.url)).toEqual(["/named"]);
  });
});

describe("deliveries", () => {
  let tenantId: string;
  let actor: TenantContext;
  let endpointId: string;
  let secret: string;

  beforeAll(async () => {
    const created = await createTenantWithOwner();
    tenantId = created.tenant.id;
    actor = created.actor;
  });

  async function register(path: string, events: readonly (typeof ALL_EVENTS)[number][] = ALL_EVENTS) {
    allowWebhookHosts(`127.0.0.1:${receiver.port}`);
    ({ id: endpointId, secret } = await createWebhookEndpoint(actor, {
      url: `${receiver.origin}${path}`,
      description: "lead system",
      events: [...events],
    }));
  }

  it("signs each delivery so that the receiver's standardwebhooks verify accepts it; ids only in the body", async () => {
    await register("/signed");
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const claim = await settledClaim(tenantId);
    const event = claimSettled(tenantId, claim.id);
    await consume(tenantId, event);
    await consume(tenantId, event); // consumed twice: still one delivery
    const { deliveries, endpoint } = (await getWebhookEndpoint(actor, endpointId))!;
    expect(deliveries).toHaveLength(1);
    expect(endpoint.secretLast4).toBe(secret.slice(-4));
    const before = receiver.requests.length;
    expect(await deliverWebhook(deliveries[0]!.id)).toEqual({ kind: "delivered", statusCode: 204 });
    const [request] = receiver.requests.slice(before);
    expect(request).toMatchObject({ method: "POST", url: "/signed" });
    const headers = request!.headers as Record<string, string>;
    expect(headers["webhook-id"]).toBe(deliveries[0]!.id);
    expect(headers["content-type"]).toBe("application/json");
    const verified = new Webhook(secret).verify(request!.body, headers);
    expect(verified).toEqual({
      type: "claim.settled",
      timestamp: event.at.toISOString(),
      data: expect.objectContaining({
        claimId: claim.id,
        certificateId: claim.certId,
        status: "claimed",
        outcome: "success",
        tenantEventSeq: event.seq,
      }),
    });
    for (const secretish of ["jane.doe", "Acme", "f".repeat(64), secret, "whsec_"])
      expect(request!.body).not.toContain(secretish);
    // A wrong secret or a changed body does not verify.
    expect(() =>
      new Webhook(`whsec_${crypto.randomBytes(24).toString("base64")}`).verify(request!.body, headers),
    ).toThrow();
    expect(() => new Webhook(secret).verify(request!.body.replace("success", "failure"), headers)).toThrow();

    const log = (await getWebhookEndpoint(actor, endpointId))!.deliveries[0]!;
    expect(log).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 204, lastError: null });
    expect(log.log).toEqual([expect.objectContaining({ attempt: 1, statusCode: 204, error: null })]);

    // The secret is stored sealed: no piece of it in the row.
    const row = await systemDb.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(JSON.stringify(row)).not.toContain(secret.slice(6, 20));
  });

  it("hears a claim settle off the audit chain, through the dispatcher, exactly once", async () => {
    await register("/chain", ["claim.settled", "certification.completed"]);
    const claim = await settledClaim(tenantId);
    await actor.audit("claim.claimed", { type: "claim", id: claim.id }, { certId: claim.certId });
    await actor.audit("claim.decided", { type: "claim", id: claim.id }, {}); // not an event
    await dispatchDomainEvents([webhooksConsumer]);
    await dispatchDomainEvents([webhooksConsumer]);
    const { deliveries } = (await getWebhookEndpoint(actor, endpointId))!;
    expect(deliveries.map((d) => d.eventType)).toEqual(["claim.settled"]);
    const before = receiver.requests.length;
    expect(await deliverWebhook(deliveries[0]!.id)).toMatchObject({ kind: "delivered" });
    const [request] = receiver.requests.slice(before);
    const body = new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>);
    expect(body).toMatchObject({ type: "claim.settled", data: { claimId: claim.id, outcome: "success" } });
  });

  it("only subscribed, enabled endpoints get a delivery", async () => {
    await register("/batches-only", ["batch.finished"]);
    const batchesOnly = endpointId;
    await register("/disabled", ["claim.settled"]);
    await updateWebhookEndpoint(actor, endpointId, {
      url: `${receiver.origin}/disabled`,
      events: ["claim.settled"],
      enabled: false,
    });
    const claim = await settledClaim(tenantId);
    await consume(tenantId, claimSettled(tenantId, claim.id));
    expect((await getWebhookEndpoint(actor, batchesOnly))!.deliveries).toEqual([]);
    expect((await getWebhookEndpoint(actor, endpointId))!.deliveries).toEqual([]);
  });

  it("retries a 500 with backoff through pg-boss until the endpoint answers 2xx", async () => {
    await register("/flaky");
    let calls = 0;
    receiver.answer((request) =>
      request.url === "/flaky"
        ? { status: ++calls <= 2 ? 500 : 200, body: "stack trace with secrets" }
        : { status: 204 },
    );
    const boss = await startJobQueues(process.env.DATABASE_URL!);
    const worker = await runWebhookWorker(boss, { sweepSeconds: 0.3, retryDelaysSeconds: [1, 2, 4] });
    try {
      const { deliveryId } = await sendTestWebhook(actor, endpointId);
      let delivery = null;
      for (let i = 0; i < 120; i++) {
        delivery = (await getWebhookEndpoint(actor, endpointId))!.deliveries.find((d) => d.id === deliveryId);
        if (delivery?.status === "delivered") break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(delivery).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 200 });
      const attempts = [...delivery!.log].reverse();
      expect(attempts.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
        [1, 500, "The endpoint answered HTTP 500."],
        [2, 500, "The endpoint answered HTTP 500."],
        [3, 200, null],
      ]);
      // Backoff: each retry waited at least its delay (1 s, then 2 s) after the failure before it.
      expect(attempts[1]!.startedAt.getTime() - attempts[0]!.startedAt.getTime()).toBeGreaterThanOrEqual(
        1000,
      );
      expect(attempts[2]!.startedAt.getTime() - attempts[1]!.startedAt.getTime()).toBeGreaterThanOrEqual(
        2000,
      );
      expect(attempts[0]!.nextAttemptAt).not.toBeNull();
      expect(JSON.stringify(delivery)).not.toContain("stack trace");
      const ids = new Set(
        receiver.requests.filter((r) => r.url === "/flaky").map((r) => r.headers["webhook-id"]),
      );
      expect([...ids]).toEqual([deliveryId]);
    } finally {
      worker.stop();
      await boss.stop({ graceful: false, wait: true });
      receiver.answer({ status: 204 });
    }
  });

  it("gives up after the retry budget, and Replay sends it again with the same webhook-id", async () => {
    await register("/down");
    receiver.answer({ status: 503 });
    const { deliveryId } = await sendTestWebhook(actor, endpointId);
    const noWait = { retryDelaysSeconds: [0] };
    expect(await deliverWebhook(deliveryId, noWait)).toMatchObject({ kind: "retry" });
    expect(await deliverWebhook(deliveryId, noWait)).toEqual({
      kind: "failed",
      error: "The endpoint answered HTTP 503.",
    });
    expect(await deliverWebhook(deliveryId, noWait)).toEqual({ kind: "skipped" });
    receiver.answer({ status: 204 });
    await replayWebhookDelivery(actor, deliveryId);
    await expect(replayWebhookDelivery(actor, deliveryId)).rejects.toThrow(/still being sent/);
    expect(await deliverWebhook(deliveryId, noWait)).toEqual({ kind: "delivered", statusCode: 204 });
    const down = receiver.requests.filter((r) => r.url === "/down");
    expect(down).toHaveLength(3);
    expect(new Set(down.map((r) => r.headers["webhook-id"]))).toEqual(new Set([deliveryId]));
    for (const request of down)
      new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
    const delivery = (await getWebhookEndpoint(actor, endpointId))!.deliveries.find(
      (d) => d.id === deliveryId,
    );
    expect(delivery).toMatchObject({ status: "delivered", attempts: 3 });
    const audit = await systemDb.auditEntry.findFirst({
      where: { tenantId, action: "webhook.delivery_replayed", targetId: deliveryId },
    });
    expect(audit).not.toBeNull();
  });

  it("does not follow a redirect: the Location gets no connection and the attempt says why", async () => {
    await register("/moved");
    receiver.answer({ status: 307, headers: { location: `${hostile.origin}/steal` } });
    const { deliveryId } = await sendTestWebhook(actor, endpointId);
    try {
      expect(await deliverWebhook(deliveryId, { retryDelaysSeconds: [] })).toEqual({
        kind: "failed",
        error: "The endpoint answered with a redirect (HTTP 307), which Certdesk does not follow.",
      });
      expect(hostile.connections()).toBe(0);
    } finally {
      receiver.answer({ status: 204 });
    }
  });

  it("gives up on an endpoint that does not answer within the timeout", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    allowWebhookHosts(`127.0.0.1:${port}`);
    try {
      const sent = await sendWebhook(`http://127.0.0.1:${port}/`, {
        headers: {},
        body: "{}",
        timeoutMs: 300,
      });
      expect(sent).toMatchObject({ ok: false, statusCode: null, error: "No answer within 0.3 seconds." });
    } finally {
      silent.close();
    }
  });

  it("sends nothing unsigned: a secret copied from another endpoint does not open, and the attempt says so", async () => {
    await register("/first");
    const first = await systemDb.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    await register("/copied");
    await systemDb.webhookEndpoint.update({
      where: { id: endpointId },
      data: { secretSealed: first.secretSealed },
    });
    const before = receiver.requests.length;
    const { deliveryId } = await sendTestWebhook(actor, endpointId);
    expect(await deliverWebhook(deliveryId, { retryDelaysSeconds: [] })).toEqual({
      kind: "failed",
      error: "The signing secret could not be opened, so nothing was sent: rotate the endpoint's secret.",
    });
    expect(receiver.requests.length).toBe(before);
  });

  it("signs with the new secret after a rotation; the old one no longer verifies", async () => {
    await register("/rotated");
    const old = secret;
    const { secret: rotated } = await rotateWebhookSecret(actor, endpointId);
    expect(rotated).not.toBe(old);
    const { deliveryId } = await sendTestWebhook(actor, endpointId);
    await deliverWebhook(deliveryId);
    const request = receiver.requests.filter((r) => r.url === "/rotated").at(-1)!;
    const headers = request.headers as Record<string, string>;
    expect(new Webhook(rotated).verify(request.body, headers)).toMatchObject({ type: "webhook.test" });
    expect(() => new Webhook(old).verify(request.body, headers)).toThrow();
  });
});

describe("master key rotation", () => {
  it("re-seals endpoints' signing secrets under the new key; signing then needs only the new key", async () => {
    allowWebhookHosts(`127.0.0.1:${receiver.port}`);
    const { actor } = await createTenantWithOwner();
    const { id, secret } = await createWebhookEndpoint(actor, {
      url: `${receiver.origin}/resealed`,
      events: ["claim.settled"],
    });
    const oldKeys = process.env.CERTDESK_MASTER_KEYS!;
    const fresh = generateMasterKeyEntry();
    try {
      process.env.CERTDESK_MASTER_KEYS = `${fresh},${oldKeys}`;
      expect(await resealAllSecrets({ onlyTenantId: actor.tenantId })).toEqual({
        checked: 1,
        resealed: 1,
        alreadyCurrent: 0,
        failed: [],
      });
      process.env.CERTDESK_MASTER_KEYS = fresh;
      const row = await systemDb.webhookEndpoint.findUniqueOrThrow({ where: { id } });
      expect(row.secretKeyId).toBe(fresh.split(":")[0]);
      expect((await getWebhookEndpoint(actor, id))!.endpoint.secretLast4).toBe(secret.slice(-4));
      const { deliveryId } = await sendTestWebhook(actor, id);
      expect(await deliverWebhook(deliveryId)).toMatchObject({ kind: "delivered" });
      const request = receiver.requests.filter((r) => r.url === "/resealed").at(-1)!;
      new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
      expect(await resealAllSecrets({ onlyTenantId: actor.tenantId })).toMatchObject({
        resealed: 0,
        alreadyCurrent: 1,
      });
    } finally {
      process.env.CERTDESK_MASTER_KEYS = oldKeys;
    }
  });
});

describe("another tenant", () => {
  it("sees none of a tenant's endpoints or deliveries and cannot change, test, rotate, replay or remove them", async () => {
    allowWebhookHosts(`127.0.0.1:${receiver.port}`);
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    const { id } = await createWebhookEndpoint(a.actor, {
      url: `${receiver.origin}/a`,
      events: ["claim.settled"],
    });
    const { deliveryId } = await sendTestWebhook(a.actor, id);
    await deliverWebhook(deliveryId);

    expect(await listWebhookEndpoints(b.actor)).toEqual([]);
    expect(await getWebhookEndpoint(b.actor, id)).toBeNull();
    const notFound = async (promise: Promise<unknown>) => {
      const error = await errorOf(promise);
      expect(error).toBeInstanceOf(UserFacingError);
      expect((error as UserFacingError).kind).toBe("not_found");
    };
    await notFound(replayWebhookDelivery(b.actor, deliveryId));
    await notFound(sendTestWebhook(b.actor, id));
    await notFound(rotateWebhookSecret(b.actor, id));
    await notFound(deleteWebhookEndpoint(b.actor, id));
    await notFound(
      updateWebhookEndpoint(b.actor, id, {
        url: `${receiver.origin}/b`,
        events: ["claim.settled"],
        enabled: true,
      }),
    );
    // Nothing changed for tenant A.
    const still = await getWebhookEndpoint(a.actor, id);
    expect(still?.endpoint).toMatchObject({ url: `${receiver.origin}/a`, enabled: true });
    expect(still?.deliveries.map((d) => d.status)).toEqual(["delivered"]);
    // An event of tenant B never reaches tenant A's endpoint.
    const claim = await settledClaim(b.tenant.id);
    await consume(b.tenant.id, claimSettled(b.tenant.id, claim.id));
    expect((await getWebhookEndpoint(a.actor, id))!.deliveries).toHaveLength(1);
    // Deleting A's endpoint as A removes its log.
    await deleteWebhookEndpoint(a.actor, id);
    expect(await systemDb.webhookDelivery.count({ where: { id: deliveryId } })).toBe(0);
  });
});
