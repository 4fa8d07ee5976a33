import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";

export const DELIVERY_NOT_FOUND =
  "That delivery does not exist (it may have been removed with its endpoint).";

/**
 * Sends a delivery again: the same webhook-id and body (so a receiver that already has it can tell), a new signature
 * and timestamp, and a fresh retry budget. Only a delivery that is finished (delivered or failed) can be replayed;
 * one still waiting is already on its way. Audited.
 */
export async function replayWebhookDelivery(context: TenantContext, deliveryId: string): Promise<void> {
  await context.transaction(async (tx) => {
    const delivery = await tx.db.webhookDelivery.findFirst({
      where: { id: deliveryId },
      select: { id: true, endpointId: true, status: true, attempts: true, eventType: true },
    });
    if (!delivery) throw new UserFacingError(DELIVERY_NOT_FOUND, "not_found");
    const replayed = await tx.db.webhookDelivery.updateMany({
      where: { id: deliveryId, status: { in: ["delivered", "failed"] } },
      data: { status: "pending", nextAttemptAt: new Date(), attemptBase: delivery.attempts, lockedAt: null },
    });
    if (replayed.count === 0)
      throw new UserFacingError(
        "That delivery is still being sent: wait for its outcome before replaying it.",
        "conflict",
      );
    await tx.audit(
      "webhook.delivery_replayed",
      { type: "webhook_delivery", id: deliveryId },
      { endpointId: delivery.endpointId, eventType: delivery.eventType },
    );
  });
}
