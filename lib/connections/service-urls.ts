// Where each service lives. Production URLs are fixed by the deployment. A sandbox connection uses one of the
// deployment's allowed sandbox origins (CERTDESK_SANDBOX_ORIGINS), chosen from a list; a stored origin that is no
// longer on the list is refused at every use, never called.
import { config } from "@/lib/config";
import { isAllowedSandboxOrigin, parseOrigin } from "@/lib/outbound/allowed-sandbox-origins";

import type { Environment, ServiceName } from "@/lib/core/services";

export { SERVICE_NAMES, type Environment, type ServiceName } from "@/lib/core/services";

export const TRUSTEDFORM_PRODUCTION_ORIGIN = "https://cert.trustedform.com";

export function productionUrl(service: ServiceName): string {
  return service === "truescreen"
    ? config().TRUESCREEN_PRODUCTION_URL.replace(/\/+$/, "")
    : TRUSTEDFORM_PRODUCTION_ORIGIN;
}

/** The sandbox `npm start` runs for this service, when the deployment allows it; otherwise none. */
export function defaultSandboxOrigin(service: ServiceName): string | null {
  const c = config();
  const own =
    service === "truescreen"
      ? (c.TRUESCREEN_SANDBOX_URL ?? `http://127.0.0.1:${c.TRUESCREEN_SANDBOX_PORT}`)
      : (c.TRUSTEDFORM_SANDBOX_URL ?? `http://127.0.0.1:${c.TRUSTEDFORM_SANDBOX_PORT}`);
  const origin = parseOrigin(own);
  return origin && isAllowedSandboxOrigin(origin) ? origin : null;
}

export interface ConnectionOrigin {
  environment: Environment;
  /** Production: the fixed URL. Sandbox: the stored origin, or the default; null when there is neither. */
  origin: string | null;
  /** False when the sandbox origin is missing or not on the deployment's list. */
  allowed: boolean;
}

export function connectionOrigin(
  service: ServiceName,
  connection: { environment: Environment; sandboxBaseUrl: string | null },
): ConnectionOrigin {
  if (connection.environment === "production")
    return { environment: "production", origin: productionUrl(service), allowed: true };
  const origin = connection.sandboxBaseUrl ?? defaultSandboxOrigin(service);
  return { environment: "sandbox", origin, allowed: origin !== null && isAllowedSandboxOrigin(origin) };
}
