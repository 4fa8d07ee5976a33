// The events a tenant's webhook endpoints may subscribe to: the domain events (lib/events/domain-event.ts) that
// mean something outside Certdesk. "webhook.test" is sent only by the "Send test event" button.
import type { DomainEventName } from "@/lib/events/domain-event";

export const WEBHOOK_EVENT_NAMES = [
  "claim.settled",
  "batch.finished",
  "certification.completed",
  "certification.failed",
] as const satisfies readonly DomainEventName[];

export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];

export const WEBHOOK_TEST_EVENT = "webhook.test";

export const WEBHOOK_EVENT_WORDS: Record<WebhookEventName, string> = {
  "claim.settled": "A TrustedForm claim got its outcome (claimed or failed).",
  "batch.finished": "A bulk claim batch finished, with its counts.",
  "certification.completed": "A TrueScreen certification completed.",
  "certification.failed": "A TrueScreen certification failed or was refused.",
};

export function isWebhookEventName(name: string): name is WebhookEventName {
  return (WEBHOOK_EVENT_NAMES as readonly string[]).includes(name);
}
