import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";
import { WEBHOOK_EVENT_NAMES, WEBHOOK_EVENT_WORDS } from "@/lib/webhooks/webhook-events";
import { EndpointForm } from "@/components/webhooks/endpoint-form";
import { DisplayName } from "@/components/ui/display-name";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { createWebhookEndpointAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

const EVENTS = WEBHOOK_EVENT_NAMES.map((name) => ({ name, words: WEBHOOK_EVENT_WORDS[name] }));

export default async function WebhooksPage() {
  const member = await requirePageMember("admin");
  const endpoints = await listWebhookEndpoints(member);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Your own systems hear about claims, batches and certifications as they happen. Each delivery is a signed POST (Standard Webhooks), retried with backoff for about a day when your endpoint does not answer 2xx."
      />
      <div className="space-y-6">
        {endpoints.length === 0 ? (
          <EmptyState title="No webhook endpoints yet">Add one below.</EmptyState>
        ) : (
          <ul className="space-y-3" aria-label="Webhook endpoints">
            {endpoints.map((endpoint) => (
              <li key={endpoint.id}>
                <Link
                  href={`/settings/webhooks/${endpoint.id}`}
                  className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-600"
                >
                  <span className="block font-mono text-sm break-all text-slate-900">
                    <DisplayName value={endpoint.url} />
                  </span>
                  <span className="mt-1 block text-sm text-slate-600">
                    {endpoint.description ? <DisplayName value={endpoint.description} /> : null}
                    {endpoint.description ? " · " : ""}
                    {endpoint.enabled ? "Enabled" : "Disabled"} · {endpoint.events.join(", ")}
                  </span>
                  <span className="mt-1 block text-xs text-slate-500">
                    {endpoint.lastDelivery
                      ? `Last delivery: ${endpoint.lastDelivery.eventType}, ${endpoint.lastDelivery.status}`
                      : "No deliveries yet"}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <section aria-labelledby="add-endpoint" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="add-endpoint" className="mb-4 text-base font-semibold text-slate-900">
            Add an endpoint
          </h2>
          <EndpointForm events={EVENTS} create={createWebhookEndpointAction} />
        </section>
      </div>
    </>
  );
}
