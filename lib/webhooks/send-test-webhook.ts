import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { ENDPOINT_NOT_FOUND } from "./update-webhook-endpoint";
import { WEBHOOK_TEST_EVENT } from "./webhook-events";

/**
 * Queues a "webhook.test" delivery to one endpoint (enabled or not: the admin asks for it), signed and retried like
 * any other. The worker sends it within a second or two; the delivery log shows the outcome. Audited.
 */
export async function sendTestWebhook(
  context: TenantContext,
  endpointId: string,
): Promise<{ deliveryId: string }> {
  return context.transaction(async (tx) => {
    const endpoint = await tx.db.webhookEndpoint.findFirst({
      where: { id: endpointId },
      select: { id: true },
    });
    if (!endpoint) throw new UserFacingError(ENDPOINT_NOT_FOUND, "not_found");
    const at = new Date();
    const delivery = await tx.db.webhookDelivery.create({
      data: {
        endpointId,
        eventType: WEBHOOK_TEST_EVENT,
        payload: {
          type: WEBHOOK_TEST_EVENT,
          timestamp: at.toISOString(),
          data: { endpointId, message: "A test event from Certdesk: this endpoint is reachable." },
        },
        nextAttemptAt: at,
      },
      select: { id: true },
    });
    await tx.audit(
      "webhook.test_sent",
      { type: "webhook_endpoint", id: endpointId },
      { deliveryId: delivery.id },
    );
    return { deliveryId: delivery.id };
  });
}
