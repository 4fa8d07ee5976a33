import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageMember } from "@/app/_auth/require-member";
import { getWebhookEndpoint } from "@/lib/webhooks/get-webhook-endpoint";
import { WEBHOOK_EVENT_NAMES, WEBHOOK_EVENT_WORDS } from "@/lib/webhooks/webhook-events";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { EndpointControls } from "@/components/webhooks/endpoint-controls";
import { EndpointForm } from "@/components/webhooks/endpoint-form";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DisplayName } from "@/components/ui/display-name";
import { PageHeader } from "@/components/ui/page-header";
import {
  deleteWebhookEndpointAction,
  replayWebhookDeliveryAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  updateWebhookEndpointAction,
} from "../actions";

export const metadata: Metadata = { title: "Webhook endpoint" };

const EVENTS = WEBHOOK_EVENT_NAMES.map((name) => ({ name, words: WEBHOOK_EVENT_WORDS[name] }));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (date: Date | null) => (date ? date.toISOString() : null);

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const member = await requirePageMember("admin");
  const { id } = await params;
  // Another tenant's id answers like a missing one.
  const found = UUID.test(id) ? await getWebhookEndpoint(member, id) : null;
  if (!found) notFound();
  const { endpoint, deliveries } = found;
  return (
    <>
      <Breadcrumb href="/settings/webhooks" label="Webhooks" />
      <PageHeader
        title={
          <span className="font-mono text-lg break-all">
            <DisplayName value={endpoint.url} />
          </span>
        }
        description={endpoint.description ? <DisplayName value={endpoint.description} /> : "Webhook endpoint"}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <section
          aria-labelledby="endpoint-settings"
          className="rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="endpoint-settings" className="mb-4 text-base font-semibold text-slate-900">
            Endpoint
          </h2>
          <EndpointForm
            events={EVENTS}
            initial={{
              id: endpoint.id,
              url: endpoint.url,
              description: endpoint.description,
              events: endpoint.events,
              enabled: endpoint.enabled,
            }}
            update={updateWebhookEndpointAction}
          />
        </section>
        <section
          aria-labelledby="endpoint-actions"
          className="rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="endpoint-actions" className="mb-4 text-base font-semibold text-slate-900">
            Signing and testing
          </h2>
          <EndpointControls
            id={endpoint.id}
            secretLast4={endpoint.secretLast4}
            sendTest={sendTestWebhookAction}
            rotate={rotateWebhookSecretAction}
            remove={deleteWebhookEndpointAction}
          />
        </section>
      </div>
      <section aria-labelledby="delivery-log" className="mt-8">
        <h2 id="delivery-log" className="mb-3 text-base font-semibold text-slate-900">
          Delivery log
        </h2>
        <DeliveryLog
          replay={replayWebhookDeliveryAction}
          deliveries={deliveries.map((delivery) => ({
            id: delivery.id,
            eventType: delivery.eventType,
            status: delivery.status,
            attempts: delivery.attempts,
            nextAttemptAt: iso(delivery.nextAttemptAt),
            lastStatusCode: delivery.lastStatusCode,
            lastDurationMs: delivery.lastDurationMs,
            lastError: delivery.lastError,
            lastAttemptAt: iso(delivery.lastAttemptAt),
            createdAt: delivery.createdAt.toISOString(),
            log: delivery.log.map((attempt) => ({
              attempt: attempt.attempt,
              startedAt: attempt.startedAt.toISOString(),
              statusCode: attempt.statusCode,
              durationMs: attempt.durationMs,
              error: attempt.error,
            })),
          }))}
        />
      </section>
    </>
  );
}
