// The sandbox origins this deployment allows (CERTDESK_SANDBOX_ORIGINS). They are the only origins a tenant's
// sandbox connection may use, and the only ones the outbound guard lets through to a loopback or private address:
// a sandbox is a deployment decision, never something a tenant admin types.
import { config, type Config } from "@/lib/config";

/** An origin written as the deployment writes it: scheme, host and port only; anything else is refused. */
export function parseOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== "/" && url.pathname !== "") return null;
  return url.origin;
}

/** The list from the configuration; unset: the sandboxes `npm start` runs (none with CERTDESK_SANDBOX=off). */
export function sandboxOriginsOf(c: Config): string[] {
  const entries = c.CERTDESK_SANDBOX_ORIGINS
    ? c.CERTDESK_SANDBOX_ORIGINS.split(",")
        .map((entry) => entry.trim())
        .filter(Boolean)
    : c.CERTDESK_SANDBOX === "off"
      ? []
      : [
          c.TRUESCREEN_SANDBOX_URL ?? `http://127.0.0.1:${c.TRUESCREEN_SANDBOX_PORT}`,
          c.TRUSTEDFORM_SANDBOX_URL ?? `http://127.0.0.1:${c.TRUSTEDFORM_SANDBOX_PORT}`,
        ];
  const origins = entries.map((entry) => {
    const origin = parseOrigin(entry);
    if (!origin)
      throw new Error(
        `Invalid configuration: the sandbox origin "${entry}" (CERTDESK_SANDBOX_ORIGINS, TRUESCREEN_SANDBOX_URL or TRUSTEDFORM_SANDBOX_URL) must be a plain origin such as http://127.0.0.1:4010. See the configuration table in README.md.`,
      );
    return origin;
  });
  return [...new Set(origins)];
}

const computed = new WeakMap<Config, string[]>();

/** The allowed sandbox origins, computed once per configuration. */
export function allowedSandboxOrigins(): string[] {
  const c = config();
  let origins = computed.get(c);
  if (!origins) {
    origins = sandboxOriginsOf(c);
    computed.set(c, origins);
  }
  return origins;
}

/** Exact comparison with the list: no normalisation of the candidate, so no encoding or userinfo trick can match. */
export function isAllowedSandboxOrigin(candidate: string): boolean {
  return allowedSandboxOrigins().includes(candidate);
}
