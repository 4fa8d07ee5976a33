import crypto from "node:crypto";
import { publicUrl } from "@/lib/config";
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import { describeTenantSecrets, type SecretDescription } from "@/lib/secrets/tenant-secrets";
import {
  baseUrlOf,
  defaultSandboxUrl,
  productionUrl,
  type Environment,
  type ServiceName,
} from "./service-urls";

export interface ConnectionView {
  service: ServiceName;
  environment: Environment;
  baseUrl: string;
  productionUrl: string;
  sandboxBaseUrl: string;
  apiKey: SecretDescription | null;
  /** TrueScreen only. */
  webhookSecret: SecretDescription | null;
  /** TrueScreen only: the URL to paste into TrueScreen's portal. */
  webhookUrl: string | null;
}

export function newWebhookToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

/** The tenant's connection row for a service, created (sandbox environment) the first time it is needed. */
export async function ensureConnection(scope: TenantScope, service: ServiceName) {
  const db = tenantDb(scope);
  const existing = await db.tenantConnection.findFirst({ where: { service } });
  if (existing) return existing;
  return db.tenantConnection.upsert({
    where: { tenantId_service: { tenantId: scope.tenantId, service } },
    update: {},
    create: { service, environment: "sandbox", webhookToken: newWebhookToken() } as never,
  });
}

export async function getConnections(scope: TenantScope): Promise<Record<ServiceName, ConnectionView>> {
  const secrets = await describeTenantSecrets(scope);
  const secret = (purpose: string) => secrets.find((s) => s.purpose === purpose) ?? null;
  const view = async (service: ServiceName): Promise<ConnectionView> => {
    const connection = await ensureConnection(scope, service);
    return {
      service,
      environment: connection.environment,
      baseUrl: baseUrlOf(service, connection),
      productionUrl: productionUrl(service),
      sandboxBaseUrl: connection.sandboxBaseUrl ?? defaultSandboxUrl(service),
      apiKey: secret(`${service}.api_key`),
      webhookSecret: service === "truescreen" ? secret("truescreen.webhook_secret") : null,
      webhookUrl:
        service === "truescreen" ? `${publicUrl()}/api/webhooks/truescreen/${connection.webhookToken}` : null,
    };
  };
  return { truescreen: await view("truescreen"), trustedform: await view("trustedform") };
}
