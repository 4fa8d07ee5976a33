// What an admin may write about an endpoint, checked the same way by the server action and the verb.
import { z } from "zod";
import { WEBHOOK_EVENT_NAMES } from "./webhook-events";

export const MAX_WEBHOOK_ENDPOINTS = 20;

export const webhookEndpointInput = z.object({
  url: z.string().trim().min(1, "Enter the endpoint's https address.").max(2000, "That address is too long."),
  description: z.string().trim().max(200, "Keep the description under 200 characters.").default(""),
  events: z
    .array(z.enum(WEBHOOK_EVENT_NAMES, { message: "Pick events from the list." }))
    .min(1, "Pick at least one event.")
    .max(WEBHOOK_EVENT_NAMES.length)
    .transform((events) => [...new Set(events)]),
});

export type WebhookEndpointInput = z.input<typeof webhookEndpointInput>;

export const webhookEndpointUpdate = webhookEndpointInput.extend({ enabled: z.boolean() });

export type WebhookEndpointUpdate = z.input<typeof webhookEndpointUpdate>;
