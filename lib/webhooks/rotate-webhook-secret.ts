import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { ENDPOINT_NOT_FOUND } from "./update-webhook-endpoint";
import { generateWebhookSecret, sealWebhookSecret } from "./webhook-secret";

/**
 * Replaces an endpoint's signing secret and returns the new one (shown once). Deliveries signed from now on use the
 * new secret, retries of older deliveries included: the receiver switches when the admin pastes it.
 */
export async function rotateWebhookSecret(
  context: TenantContext,
  endpointId: string,
): Promise<{ secret: string }> {
  const secret = generateWebhookSecret();
  await context.transaction(async (tx) => {
    const updated = await tx.db.webhookEndpoint.updateMany({
      where: { id: endpointId },
      data: { ...sealWebhookSecret(context.tenantId, endpointId, secret), secretRotatedAt: new Date() },
    });
    if (updated.count === 0) throw new UserFacingError(ENDPOINT_NOT_FOUND, "not_found");
    await tx.audit("webhook.secret_rotated", { type: "webhook_endpoint", id: endpointId });
  });
  return { secret };
}
