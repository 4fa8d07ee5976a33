import type { Environment, ServiceName } from "@/lib/core/services";
import type { TenantContext } from "@/lib/core/tenant-context";
import { ensureConnection } from "./ensure-connection";

/** The environment a service's connection is on now: where a key saved without naming one goes. */
export async function connectionEnvironment(
  context: TenantContext,
  service: ServiceName,
): Promise<Environment> {
  return (await ensureConnection(context, service)).environment;
}
