import { isAllowedSandboxOrigin } from "@/lib/outbound/allowed-sandbox-origins";
import { productionUrl, type Environment, type ServiceName } from "./service-urls";

/**
 * The environment a URL stored earlier belongs to (a claim's certificate URL, settled again after its answer was
 * lost): production for the service's production origin, sandbox for an allowed sandbox, otherwise none (nothing may
 * be sent there). Its key is the one that environment's requests were sent with.
 */
export function environmentOfOrigin(service: ServiceName, url: string): Environment | null {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return null;
  }
  if (origin === new URL(productionUrl(service)).origin) return "production";
  if (isAllowedSandboxOrigin(origin)) return "sandbox";
  return null;
}
