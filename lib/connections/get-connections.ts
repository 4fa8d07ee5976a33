import { publicUrl } from "@/lib/config";
import type { TenantContext } from "@/lib/core/tenant-context";
import { allowedSandboxOrigins } from "@/lib/outbound/allowed-sandbox-origins";
import { describeTenantSecrets } from "@/lib/secrets/describe-tenant-secrets";
import { type SecretDescription } from "@/lib/secrets/tenant-secret";
import { ensureConnection } from "./ensure-connection";
import { connectionOrigin, productionUrl, type Environment, type ServiceName } from "./service-urls";

/** A secret's description for each environment: only the connection's current one is ever used. */
export type SecretsByEnvironment = Record<Environment, SecretDescription | null>;

export interface ConnectionView {
  service: ServiceName;
  environment: Environment;
  /** Where calls go now (production URL or the sandbox origin); null when no sandbox is chosen. */
  baseUrl: string | null;
  /** False when the sandbox origin is not on the deployment's list: calls are refused until an admin chooses. */
  baseUrlAllowed: boolean;
  productionUrl: string;
  /** The sandbox origin the connection uses (or would use) on the sandbox environment. */
  sandboxOrigin: string | null;
  /** The sandbox origins this deployment allows, to choose from. */
  sandboxOrigins: string[];
  apiKey: SecretsByEnvironment;
  /** TrueScreen only. */
  webhookSecret: SecretsByEnvironment | null;
  /** TrueScreen only: the URL to paste into TrueScreen's portal. */
  webhookUrl: string | null;
}

export async function getConnections(context: TenantContext): Promise<Record<ServiceName, ConnectionView>> {
  const secrets = await describeTenantSecrets(context);
  const byEnvironment = (purpose: string): SecretsByEnvironment => ({
    production: secrets.find((s) => s.purpose === purpose && s.environment === "production") ?? null,
    sandbox: secrets.find((s) => s.purpose === purpose && s.environment === "sandbox") ?? null,
  });
  const view = async (service: ServiceName): Promise<ConnectionView> => {
    const connection = await ensureConnection(context, service);
    const current = connectionOrigin(service, connection);
    return {
      service,
      environment: connection.environment,
      baseUrl: current.origin,
      baseUrlAllowed: current.allowed,
      productionUrl: productionUrl(service),
      sandboxOrigin: connectionOrigin(service, { ...connection, environment: "sandbox" }).origin,
      sandboxOrigins: allowedSandboxOrigins(),
      apiKey: byEnvironment(`${service}.api_key`),
      webhookSecret: service === "truescreen" ? byEnvironment("truescreen.webhook_secret") : null,
      webhookUrl:
        service === "truescreen" ? `${publicUrl()}/api/webhooks/truescreen/${connection.webhookToken}` : null,
    };
  };
  return { truescreen: await view("truescreen"), trustedform: await view("trustedform") };
}
