import crypto from "node:crypto";
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import { allowedSandboxOrigins } from "@/lib/outbound/allowed-sandbox-origins";
import type { ServiceName } from "./service-urls";

export function newWebhookToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

/**
 * The tenant's connection row for a service, created the first time it is needed: on the sandbox environment when
 * the deployment allows a sandbox, on production otherwise.
 */
export async function ensureConnection(scope: TenantScope, service: ServiceName) {
  const db = tenantDb(scope);
  const existing = await db.tenantConnection.findFirst({ where: { service } });
  if (existing) return existing;
  const environment = allowedSandboxOrigins().length > 0 ? "sandbox" : "production";
  return db.tenantConnection.upsert({
    where: { tenantId_service: { tenantId: scope.tenantId, service } },
    update: {},
    create: { service, environment, webhookToken: newWebhookToken() } as never,
  });
}
