import crypto from "node:crypto";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { checkWebhookTarget, systemResolve, WebhookTargetError, type Resolve } from "./send-webhook";
import {
  MAX_WEBHOOK_ENDPOINTS,
  webhookEndpointInput,
  type WebhookEndpointInput,
} from "./webhook-endpoint-input";
import { generateWebhookSecret, sealWebhookSecret } from "./webhook-secret";

/**
 * Registers an endpoint (an admin's verb, audited) and returns its signing secret: the only time it is shown. The
 * address is checked now (https, public) so the admin hears at once; every delivery checks it again as it connects.
 */
export async function createWebhookEndpoint(
  context: TenantContext,
  input: WebhookEndpointInput,
  options: { resolve?: Resolve } = {},
): Promise<{ id: string; secret: string }> {
  const member = memberOf(context.actor);
  const parsed = webhookEndpointInput.safeParse(input);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? "Check the form.");
  const data = parsed.data;
  try {
    await checkWebhookTarget(data.url, options.resolve ?? systemResolve);
  } catch (error) {
    if (error instanceof WebhookTargetError) throw new UserFacingError(error.message);
    throw error;
  }
  const id = crypto.randomUUID();
  const secret = generateWebhookSecret();
  await context.transaction(async (tx) => {
    if ((await tx.db.webhookEndpoint.count()) >= MAX_WEBHOOK_ENDPOINTS)
      throw new UserFacingError(
        `A tenant has at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints: remove one you no longer use first.`,
        "conflict",
      );
    await tx.db.webhookEndpoint.create({
      data: {
        id,
        url: data.url,
        description: data.description,
        events: data.events,
        ...sealWebhookSecret(context.tenantId, id, secret),
        createdById: member.userId,
        createdByEmail: member.email,
      },
    });
    await tx.audit(
      "webhook.endpoint_created",
      { type: "webhook_endpoint", id },
      { host: new URL(data.url).host, events: data.events },
    );
  });
  return { id, secret };
}
