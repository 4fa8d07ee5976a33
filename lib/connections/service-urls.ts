// Where each service lives. Production URLs are fixed by the deployment; a tenant on the sandbox environment may
// point at another sandbox, but only by a plain http(s) origin.
import { config } from "@/lib/config";
import { UserFacingError } from "@/lib/user-facing-error";

export type ServiceName = "truescreen" | "trustedform";
export type Environment = "production" | "sandbox";

export const TRUSTEDFORM_PRODUCTION_ORIGIN = "https://cert.trustedform.com";

export function productionUrl(service: ServiceName): string {
  return service === "truescreen"
    ? config().TRUESCREEN_PRODUCTION_URL.replace(/\/+$/, "")
    : TRUSTEDFORM_PRODUCTION_ORIGIN;
}

export function defaultSandboxUrl(service: ServiceName): string {
  const c = config();
  return service === "truescreen"
    ? (c.TRUESCREEN_SANDBOX_URL ?? `http://127.0.0.1:${c.TRUESCREEN_SANDBOX_PORT}`)
    : (c.TRUSTEDFORM_SANDBOX_URL ?? `http://127.0.0.1:${c.TRUSTEDFORM_SANDBOX_PORT}`);
}

/** A sandbox base URL as an origin (scheme, host, port), refusing anything else a URL can carry. */
export function parseSandboxOrigin(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new UserFacingError("Enter the sandbox's base URL, such as http://127.0.0.1:4010.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UserFacingError("The sandbox URL must start with http:// or https://.");
  if (url.username || url.password)
    throw new UserFacingError("The sandbox URL must not contain a user name or password.");
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    throw new UserFacingError(
      "Enter only the sandbox's origin (scheme, host and port), without a path, query or fragment.",
    );
  }
  return url.origin;
}

export function baseUrlOf(
  service: ServiceName,
  connection: { environment: Environment; sandboxBaseUrl: string | null } | null,
): string {
  if (!connection || connection.environment === "production") return productionUrl(service);
  return connection.sandboxBaseUrl ?? defaultSandboxUrl(service);
}
