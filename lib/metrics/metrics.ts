// Certdesk's Prometheus metrics (prom-client), one registry per process, kept on globalThis: the web server (loaded
// by tsx) and the route code (Next.js's bundle) are two copies of this module that must count into the same
// figures. Named metrics that other parts import and increment; the database figures (certifications by status,
// job queues) are computed on scrape by database-gauges.ts. docs/operations.md lists them all.
import client from "prom-client";

export type OutboundService = "truescreen" | "trustedform" | "artifact" | "webhook" | "other";

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new client.Histogram({
      name: "certdesk_http_request_duration_seconds",
      help: "HTTP requests served by Certdesk's web server, by route pattern (never the raw path), method and status.",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    claims: new client.Counter({
      name: "certdesk_claims_total",
      help: "TrustedForm claims settled by this process, by API version (3.0, 4.0) and outcome (claimed, failed, unknown).",
      labelNames: ["version", "outcome"] as const,
      registers: [registry],
    }),
    certificationsCreated: new client.Counter({
      name: "certdesk_certifications_created_total",
      help: "TrueScreen create calls settled by this process, by the status they left the certification in.",
      labelNames: ["status"] as const,
      registers: [registry],
    }),
    outboundDuration: new client.Histogram({
      name: "certdesk_outbound_request_duration_seconds",
      help: "Calls to TrueScreen, TrustedForm and artifact URLs: time to the response headers, by service and status.",
      labelNames: ["service", "method", "status"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    outboundErrors: new client.Counter({
      name: "certdesk_outbound_errors_total",
      help: "Calls to TrueScreen, TrustedForm and artifact URLs that got no usable answer (timeout, network, redirect, refused) or a 5xx.",
      labelNames: ["service", "kind"] as const,
      registers: [registry],
    }),
    webhookDeliveries: new client.Counter({
      name: "certdesk_webhook_deliveries_total",
      help: "Webhook deliveries to tenants' endpoints, by outcome (delivered, failed, gave_up).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    jobsProcessed: new client.Counter({
      name: "certdesk_jobs_processed_total",
      help: "Jobs this worker finished, by queue and outcome (completed, failed).",
      labelNames: ["queue", "outcome"] as const,
      registers: [registry],
    }),
  };
}

export type CertdeskMetrics = ReturnType<typeof createMetrics>;

const KEY = Symbol.for("certdesk.metrics");
const holder = globalThis as typeof globalThis & { [KEY]?: CertdeskMetrics };

/** This process's metrics. */
export function metrics(): CertdeskMetrics {
  return (holder[KEY] ??= createMetrics());
}

/** Names the process on every series ("web", "worker"): one scrape target per process. */
export function labelProcess(role: "web" | "worker"): void {
  metrics().registry.setDefaultLabels({ process: role });
}

export function countClaim(version: "3.0" | "4.0", outcome: string): void {
  metrics().claims.inc({ version, outcome });
}

/** For the webhook deliveries: call once per delivery attempt that settled. */
export function countWebhookDelivery(outcome: "delivered" | "failed" | "gave_up"): void {
  metrics().webhookDeliveries.inc({ outcome });
}
