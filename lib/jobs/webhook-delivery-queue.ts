// Outgoing webhooks through pg-boss (queue options in job-queues.ts). A delivery row due now (written by the events
// consumer, "Send test event" or "Replay") is the outbox: the sweep here finds due rows across tenants and queues one
// job per delivery (keyed by its id, so at most one waits); a job opens the delivery's tenant context and makes one
// attempt (lib/webhooks/attempt-webhook-delivery.ts), and after a failure queues the next attempt with pg-boss's
// startAfter at the time the delivery's backoff says. A delivery left "sending" by a worker that died is made due
// again (a webhook is delivered at least once; receivers dedupe on webhook-id).
import type PgBoss from "pg-boss";
import { systemDb } from "@/lib/db/client";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { attemptWebhookDelivery, type AttemptOptions } from "@/lib/webhooks/attempt-webhook-delivery";
import { WEBHOOK_DELIVERY_QUEUE } from "./job-queues";

const STALE_SENDING_MS = 2 * 60_000;
const SWEEP_BATCH = 500;

export async function enqueueWebhookDelivery(
  boss: PgBoss,
  deliveryId: string,
  startAfter?: Date,
): Promise<void> {
  await boss.send(
    WEBHOOK_DELIVERY_QUEUE,
    { deliveryId },
    { singletonKey: deliveryId, retryLimit: 0, ...(startAfter ? { startAfter } : {}) },
  );
}

/** Deliveries due now (and those a dead worker left sending), across tenants: job discovery. */
export async function findDueWebhookDeliveries(now = new Date()): Promise<string[]> {
  await systemDb.webhookDelivery.updateMany({
    where: { status: "sending", lockedAt: { lt: new Date(now.getTime() - STALE_SENDING_MS) } },
    data: { status: "pending", lockedAt: null, nextAttemptAt: now },
  });
  const due = await systemDb.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: SWEEP_BATCH,
    select: { id: true },
  });
  return due.map((row) => row.id);
}

/** One attempt at one delivery, in its own tenant's context. */
export async function deliverWebhook(deliveryId: string, options: AttemptOptions = {}) {
  const row = await systemDb.webhookDelivery.findUnique({
    where: { id: deliveryId },
    select: { tenantId: true },
  });
  if (!row) return { kind: "skipped" as const };
  const context = openTenantContext(row.tenantId, { kind: "system", name: "webhooks" });
  return attemptWebhookDelivery(context, deliveryId, options);
}

/** Works webhook jobs and, every `sweepSeconds`, queues the deliveries that are due. */
export async function runWebhookWorker(
  boss: PgBoss,
  options: AttemptOptions & { sweepSeconds?: number; log?: (line: string) => void } = {},
) {
  const { sweepSeconds = 1, log = () => {}, ...attempt } = options;
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      for (const id of await findDueWebhookDeliveries()) await enqueueWebhookDelivery(boss, id);
    } catch (error) {
      log(`webhook sweep failed: ${error instanceof Error ? error.message : "unknown error"}`);
    } finally {
      sweeping = false;
    }
  };
  await sweep();
  await boss.work<{ deliveryId: string }>(
    WEBHOOK_DELIVERY_QUEUE,
    { batchSize: 8, pollingIntervalSeconds: 0.5 },
    async (jobs) => {
      await Promise.all(
        jobs.map(async (job) => {
          const outcome = await deliverWebhook(job.data.deliveryId, attempt);
          if (outcome.kind === "retry")
            await enqueueWebhookDelivery(boss, job.data.deliveryId, outcome.nextAttemptAt).catch(() => {
              // The sweep queues it when it is due.
            });
          if (outcome.kind === "failed")
            log(`webhook delivery ${job.data.deliveryId} failed: ${outcome.error}`);
        }),
      );
    },
  );
  const timer = setInterval(() => void sweep(), sweepSeconds * 1000);
  return { stop: () => clearInterval(timer) };
}
