import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { checkWebhookTarget, systemResolve, WebhookTargetError, type Resolve } from "./send-webhook";
import { webhookEndpointUpdate, type WebhookEndpointUpdate } from "./webhook-endpoint-input";

export const ENDPOINT_NOT_FOUND = "That webhook endpoint does not exist (it may have been removed).";

/** Changes an endpoint's address, description, events or enabled state (audited with what changed). */
export async function updateWebhookEndpoint(
  context: TenantContext,
  endpointId: string,
  input: WebhookEndpointUpdate,
  options: { resolve?: Resolve } = {},
): Promise<void> {
  const parsed = webhookEndpointUpdate.safeParse(input);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? "Check the form.");
  const data = parsed.data;
  const current = await context.db.webhookEndpoint.findFirst({ where: { id: endpointId } });
  if (!current) throw new UserFacingError(ENDPOINT_NOT_FOUND, "not_found");
  if (data.url !== current.url) {
    try {
      await checkWebhookTarget(data.url, options.resolve ?? systemResolve);
    } catch (error) {
      if (error instanceof WebhookTargetError) throw new UserFacingError(error.message);
      throw error;
    }
  }
  const changed = [
    data.url !== current.url ? "url" : null,
    data.description !== current.description ? "description" : null,
    data.events.join() !== current.events.join() ? "events" : null,
    data.enabled !== current.enabled ? "enabled" : null,
  ].filter((field): field is string => field !== null);
  if (changed.length === 0) return;
  await context.transaction(async (tx) => {
    const updated = await tx.db.webhookEndpoint.updateMany({
      where: { id: endpointId },
      data: { url: data.url, description: data.description, events: data.events, enabled: data.enabled },
    });
    if (updated.count === 0) throw new UserFacingError(ENDPOINT_NOT_FOUND, "not_found");
    await tx.audit(
      "webhook.endpoint_updated",
      { type: "webhook_endpoint", id: endpointId },
      { changed, host: new URL(data.url).host, events: data.events, enabled: data.enabled },
    );
  });
}
