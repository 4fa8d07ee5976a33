"use server";

// Webhook endpoints are an admin's: every action checks the role, parses the input and calls one lib verb. The only
// answer that carries a secret is the one that creates or rotates it (shown once, never again).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-webhook-endpoint";
import { replayWebhookDelivery } from "@/lib/webhooks/replay-webhook-delivery";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-webhook-endpoint";
import { webhookEndpointInput, webhookEndpointUpdate } from "@/lib/webhooks/webhook-endpoint-input";

const id = z.uuid({ message: "That webhook endpoint does not exist (it may have been removed)." });

export async function createWebhookEndpointAction(input: {
  url: string;
  description: string;
  events: string[];
}) {
  const result = await runAction("admin", webhookEndpointInput, input, (member, data) =>
    createWebhookEndpoint(member, data),
  );
  revalidatePath("/settings/webhooks");
  return result;
}

export async function updateWebhookEndpointAction(input: {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
}) {
  const result = await runAction(
    "admin",
    webhookEndpointUpdate.extend({ id }),
    input,
    async (member, data) => {
      await updateWebhookEndpoint(member, data.id, data);
      return null;
    },
  );
  revalidatePath("/settings/webhooks", "layout");
  return result;
}

export async function rotateWebhookSecretAction(input: { id: string }) {
  const result = await runAction("admin", z.object({ id }), input, (member, data) =>
    rotateWebhookSecret(member, data.id),
  );
  revalidatePath("/settings/webhooks", "layout");
  return result;
}

export async function deleteWebhookEndpointAction(input: { id: string }) {
  const result = await runAction("admin", z.object({ id }), input, async (member, data) => {
    await deleteWebhookEndpoint(member, data.id);
    return null;
  });
  revalidatePath("/settings/webhooks", "layout");
  return result;
}

export async function sendTestWebhookAction(input: { id: string }) {
  const result = await runAction("admin", z.object({ id }), input, (member, data) =>
    sendTestWebhook(member, data.id),
  );
  revalidatePath("/settings/webhooks", "layout");
  return result;
}

export async function replayWebhookDeliveryAction(input: { deliveryId: string }) {
  const deliveryId = z.uuid({
    message: "That delivery does not exist (it may have been removed with its endpoint).",
  });
  const result = await runAction("admin", z.object({ deliveryId }), input, async (member, data) => {
    await replayWebhookDelivery(member, data.deliveryId);
    return null;
  });
  revalidatePath("/settings/webhooks", "layout");
  return result;
}
