// Artifact and upload URLs come from TrueScreen's answers. They are fetched only when they are http(s) without
// userinfo, and, for a sandbox tenant, only on the sandbox's own origin: a tampered answer cannot make the worker
// fetch an internal address of another kind.
import type { TenantTrueScreen } from "./truescreen-account";

export function checkServiceUrl(value: string, truescreen: TenantTrueScreen): URL {
  const url = new URL(value);
  if (url.username || url.password) throw new Error("TrueScreen returned a URL with credentials in it.");
  if (truescreen.environment === "sandbox") {
    if (url.origin !== new URL(truescreen.account.baseUrl).origin)
      throw new Error(`TrueScreen returned a URL outside the sandbox: ${url.origin}`);
  } else if (url.protocol !== "https:") {
    throw new Error("TrueScreen returned a URL that is not https.");
  }
  return url;
}
