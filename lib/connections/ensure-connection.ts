import crypto from "node:crypto";
import type { TenantContext } from "@/lib/core/tenant-context";
import { allowedSandboxOrigins } from "@/lib/outbound/allowed-sandbox-origins";
import type { ServiceName } from "./service-urls";

export function newWebhookToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

/**
 * The tenant's connection row for a service, created the first time it is needed: on the sandbox environment when
 * the deployment allows a sandbox, on production otherwise.
 */
export async function ensureConnection(context: TenantContext, service: ServiceName) {
  const { db } = context;
  const existing = await db.tenantConnection.findFirst({ where: { service } });
  if (existing) return existing;
  const environment = allowedSandboxOrigins().length > 0 ? "sandbox" : "production";
  return db.tenantConnection.upsert({
    where: { tenantId_service: { tenantId: context.tenantId, service } },
    update: {},
    create: { service, environment, webhookToken: newWebhookToken() },
  });
}
