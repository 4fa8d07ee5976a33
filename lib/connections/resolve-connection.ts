// The one place a call to a service learns where to go and which environment's key to use: production (the fixed
// URL) or the connection's sandbox, which must be on the deployment's list at the moment of the call. The caller
// opens the key of exactly this environment, so a production key never goes to a sandbox.
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { ensureConnection } from "./ensure-connection";
import { connectionOrigin, SERVICE_NAMES, type Environment, type ServiceName } from "./service-urls";

export interface ResolvedConnection {
  service: ServiceName;
  environment: Environment;
  origin: string;
  webhookToken: string;
}

/** The connection points at a sandbox the deployment does not (or no longer) allow: nothing is sent. */
export class SandboxNotAllowedError extends UserFacingError {
  constructor(service: ServiceName, origin: string | null) {
    super(
      origin
        ? `${SERVICE_NAMES[service]}'s sandbox ${origin} is not one of the sandboxes this deployment allows, so Certdesk does not call it. An admin chooses an allowed sandbox (or production) in Settings > Connections.`
        : `No ${SERVICE_NAMES[service]} sandbox is chosen and this deployment has none by default. An admin chooses one (or production) in Settings > Connections.`,
      "conflict",
    );
    this.name = "SandboxNotAllowedError";
  }
}

export async function resolveConnection(
  context: TenantContext,
  service: ServiceName,
): Promise<ResolvedConnection> {
  const connection = await ensureConnection(context, service);
  const { environment, origin, allowed } = connectionOrigin(service, connection);
  if (!allowed || !origin) throw new SandboxNotAllowedError(service, origin);
  return { service, environment, origin, webhookToken: connection.webhookToken };
}
