import type { TenantContext } from "@/lib/core/tenant-context";
import { webhookSecretLast4 } from "./webhook-secret";

export interface WebhookEndpointSummary {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  secretLast4: string;
  secretRotatedAt: Date;
  createdByEmail: string | null;
  createdAt: Date;
  lastDelivery: { status: string; eventType: string; at: Date; lastStatusCode: number | null } | null;
}

const SELECT = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  secretHintSealed: true,
  secretRotatedAt: true,
  createdByEmail: true,
  createdAt: true,
  deliveries: {
    orderBy: { createdAt: "desc" as const },
    take: 1,
    select: { status: true, eventType: true, createdAt: true, lastStatusCode: true },
  },
};

type Row = {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  secretHintSealed: string;
  secretRotatedAt: Date;
  createdByEmail: string | null;
  createdAt: Date;
  deliveries: Array<{ status: string; eventType: string; createdAt: Date; lastStatusCode: number | null }>;
};

export function summariseEndpoint(tenantId: string, row: Row): WebhookEndpointSummary {
  const last = row.deliveries[0];
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    secretLast4: webhookSecretLast4(tenantId, row),
    secretRotatedAt: row.secretRotatedAt,
    createdByEmail: row.createdByEmail,
    createdAt: row.createdAt,
    lastDelivery: last
      ? {
          status: last.status,
          eventType: last.eventType,
          at: last.createdAt,
          lastStatusCode: last.lastStatusCode,
        }
      : null,
  };
}

/** The tenant's endpoints, oldest first, each with the last four characters of its secret and its last delivery. */
export async function listWebhookEndpoints(context: TenantContext): Promise<WebhookEndpointSummary[]> {
  const rows = await context.db.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" }, select: SELECT });
  return rows.map((row) => summariseEndpoint(context.tenantId, row));
}

export const ENDPOINT_SUMMARY_SELECT = SELECT;
