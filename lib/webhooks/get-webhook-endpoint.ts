import type { TenantContext } from "@/lib/core/tenant-context";
import {
  ENDPOINT_SUMMARY_SELECT,
  summariseEndpoint,
  type WebhookEndpointSummary,
} from "./list-webhook-endpoints";

export interface WebhookDeliveryView {
  id: string;
  eventType: string;
  seq: number | null;
  status: "pending" | "sending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  log: Array<{
    attempt: number;
    startedAt: Date;
    statusCode: number | null;
    durationMs: number;
    error: string | null;
    nextAttemptAt: Date | null;
  }>;
}

const DELIVERY_LOG_SIZE = 50;
const ATTEMPTS_SHOWN = 12;

/**
 * One endpoint with its delivery log (the latest deliveries, each with its attempts: status code, timing, error
 * words; never what the endpoint answered). Another tenant's id, like a missing one: null.
 */
export async function getWebhookEndpoint(
  context: TenantContext,
  endpointId: string,
): Promise<{ endpoint: WebhookEndpointSummary; deliveries: WebhookDeliveryView[] } | null> {
  const row = await context.db.webhookEndpoint.findFirst({
    where: { id: endpointId },
    select: ENDPOINT_SUMMARY_SELECT,
  });
  if (!row) return null;
  const deliveries = await context.db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DELIVERY_LOG_SIZE,
    select: {
      id: true,
      eventType: true,
      seq: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastStatusCode: true,
      lastDurationMs: true,
      lastError: true,
      lastAttemptAt: true,
      deliveredAt: true,
      createdAt: true,
      log: {
        orderBy: { attempt: "desc" },
        take: ATTEMPTS_SHOWN,
        select: {
          attempt: true,
          startedAt: true,
          statusCode: true,
          durationMs: true,
          error: true,
          nextAttemptAt: true,
        },
      },
    },
  });
  return {
    endpoint: summariseEndpoint(context.tenantId, row),
    deliveries: deliveries.map((delivery) => ({
      ...delivery,
      nextAttemptAt: delivery.status === "pending" ? delivery.nextAttemptAt : null,
    })),
  };
}
