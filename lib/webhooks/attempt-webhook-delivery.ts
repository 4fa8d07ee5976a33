// One attempt at one delivery, as the worker makes it (lib/jobs/webhook-delivery-queue.ts opens the context from the
// delivery's tenant). The delivery is taken first (pending and due, to sending) so that two workers, or a job that
// was queued twice, never send it twice at once; then it is signed with the endpoint's secret (Standard Webhooks:
// webhook-id is the delivery's id, the same on every retry and replay), sent, and the outcome is written: the
// attempt in the log, and on the delivery either delivered, pending again with the next retry time, or failed once
// the retry budget is spent.
import { Webhook } from "standardwebhooks";
import type { TenantContext } from "@/lib/core/tenant-context";
import { sendWebhook, type Resolve } from "./send-webhook";
import { openWebhookSecret } from "./webhook-secret";
import { countWebhookDelivery } from "@/lib/metrics/metrics";

/**
 * Seconds to wait before each retry: 8 attempts over about 27 hours (the first at once, then after 5 seconds,
 * 5 minutes, 30 minutes, 2 hours, 5 hours, 10 hours and 10 hours).
 */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];

export interface AttemptOptions {
  resolve?: Resolve;
  timeoutMs?: number;
  retryDelaysSeconds?: readonly number[];
  now?: () => Date;
}

export type AttemptOutcome =
  | { kind: "skipped" }
  | { kind: "delivered"; statusCode: number }
  | { kind: "retry"; nextAttemptAt: Date; error: string }
  | { kind: "failed"; error: string };

export async function attemptWebhookDelivery(
  context: TenantContext,
  deliveryId: string,
  options: AttemptOptions = {},
): Promise<AttemptOutcome> {
  const now = options.now ?? (() => new Date());
  const delays = options.retryDelaysSeconds ?? WEBHOOK_RETRY_DELAYS_SECONDS;
  const taken = await context.db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: "pending", nextAttemptAt: { lte: now() } },
    data: { status: "sending", lockedAt: now() },
  });
  if (taken.count === 0) return { kind: "skipped" };
  const delivery = await context.db.webhookDelivery.findFirst({
    where: { id: deliveryId },
    include: { endpoint: true },
  });
  if (!delivery) return { kind: "skipped" };

  const attempt = delivery.attempts + 1;
  const startedAt = now();
  let result: { ok: boolean; statusCode: number | null; durationMs: number; error: string | null };
  if (!delivery.endpoint.enabled) {
    result = {
      ok: false,
      statusCode: null,
      durationMs: 0,
      error: "The endpoint is disabled: nothing was sent.",
    };
  } else {
    const body = JSON.stringify(delivery.payload);
    let signature: string | null = null;
    try {
      const secret = openWebhookSecret(context.tenantId, delivery.endpoint);
      signature = new Webhook(secret).sign(delivery.id, startedAt, body);
    } catch {
      // A secret sealed with a master key no longer configured: nothing is sent unsigned; rotating the secret fixes it.
    }
    result = signature
      ? await sendWebhook(delivery.endpoint.url, {
          body,
          headers: {
            "webhook-id": delivery.id,
            "webhook-timestamp": String(Math.floor(startedAt.getTime() / 1000)),
            "webhook-signature": signature,
          },
          resolve: options.resolve,
          timeoutMs: options.timeoutMs,
        })
      : {
          ok: false,
          statusCode: null,
          durationMs: 0,
          error: "The signing secret could not be opened, so nothing was sent: rotate the endpoint's secret.",
        };
  }

  const made = attempt - delivery.attemptBase;
  const retryIn = delivery.endpoint.enabled ? delays[made - 1] : undefined;
  const nextAttemptAt =
    !result.ok && retryIn !== undefined ? new Date(now().getTime() + retryIn * 1000) : null;
  const status = result.ok ? "delivered" : nextAttemptAt ? "pending" : "failed";
  await context.transaction(async (tx) => {
    await tx.db.webhookDeliveryAttempt.create({
      data: {
        deliveryId,
        attempt,
        startedAt,
        statusCode: result.statusCode,
        durationMs: result.durationMs,
        error: result.error,
        nextAttemptAt,
      },
    });
    await tx.db.webhookDelivery.updateMany({
      where: { id: deliveryId, status: "sending" },
      data: {
        status,
        attempts: attempt,
        nextAttemptAt,
        lockedAt: null,
        lastStatusCode: result.statusCode,
        lastDurationMs: result.durationMs,
        lastError: result.error,
        lastAttemptAt: startedAt,
        deliveredAt: result.ok ? now() : null,
      },
    });
  });
  // Prometheus (lib/metrics): each attempt that settled, and the deliveries that ran out of attempts.
  countWebhookDelivery(result.ok ? "delivered" : nextAttemptAt ? "failed" : "gave_up");
  if (result.ok) return { kind: "delivered", statusCode: result.statusCode! };
  if (nextAttemptAt) return { kind: "retry", nextAttemptAt, error: result.error ?? "" };
  return { kind: "failed", error: result.error ?? "" };
}
