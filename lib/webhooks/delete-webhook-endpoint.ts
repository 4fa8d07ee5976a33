import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { ENDPOINT_NOT_FOUND } from "./update-webhook-endpoint";

/** Removes an endpoint with its delivery log (audited); deliveries waiting for it are not sent. */
export async function deleteWebhookEndpoint(context: TenantContext, endpointId: string): Promise<void> {
  await context.transaction(async (tx) => {
    const endpoint = await tx.db.webhookEndpoint.findFirst({
      where: { id: endpointId },
      select: { url: true },
    });
    if (!endpoint) throw new UserFacingError(ENDPOINT_NOT_FOUND, "not_found");
    await tx.db.webhookEndpoint.deleteMany({ where: { id: endpointId } });
    await tx.audit(
      "webhook.endpoint_deleted",
      { type: "webhook_endpoint", id: endpointId },
      { host: new URL(endpoint.url).host },
    );
  });
}
