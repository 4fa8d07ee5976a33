// The webhooks' consumer of domain events (lib/events/domain-event.ts). For each enabled endpoint of the event's
// tenant subscribed to the event, it writes one WebhookDelivery row, due now, inside the dispatcher's transaction
// (unique on endpoint, tenant and the event's seq: consuming an event twice writes nothing new). It calls nothing
// outside: the webhook worker (lib/jobs/webhook-delivery-queue.ts) finds due deliveries, queues one pg-boss job each
// and sends them; the row is the outbox, so a delivery committed with the event is never lost between the two.
import type { Prisma } from "@/generated/prisma/client";
import type { TenantContext } from "@/lib/core/tenant-context";
import type { DomainEvent, EventConsumer } from "@/lib/events/domain-event";
import { buildWebhookPayload } from "./build-webhook-payload";
import { isWebhookEventName } from "./webhook-events";

export const webhooksConsumer: EventConsumer = {
  name: "webhooks",
  async handle(context: TenantContext, event: DomainEvent): Promise<void> {
    const name = event.name;
    if (!isWebhookEventName(name)) return;
    const endpoints = await context.db.webhookEndpoint.findMany({
      where: { enabled: true, events: { has: name } },
      select: { id: true },
    });
    if (endpoints.length === 0) return;
    const payload = (await buildWebhookPayload(context, { ...event, name })) as Prisma.InputJsonObject;
    const due = new Date();
    await context.db.webhookDelivery.createMany({
      data: endpoints.map((endpoint) => ({
        endpointId: endpoint.id,
        seq: event.seq,
        eventType: name,
        payload,
        nextAttemptAt: due,
      })),
      skipDuplicates: true,
    });
  },
};
