// CERTDESK_WEBHOOK_ALLOWED_HOSTS: the hosts a deployment lets tenants' webhook endpoints use although they are on a
// private or loopback network (an internal receiver, the tests' local receivers). Each entry is a host name or IP
// address, optionally with a port ("hooks.internal", "127.0.0.1:3154", "[::1]:8443"). An allowed host may resolve to
// any address and may be reached over plain http as well: it is the deployment's own decision, never a tenant's.
// Matching is exact on the URL's parsed host name (lower case, IPv6 without brackets) and port.
import { config, type Config } from "@/lib/config";

export interface AllowedWebhookHost {
  host: string;
  /** null: any port. */
  port: number | null;
}

export function parseAllowedWebhookHosts(value: string | undefined): AllowedWebhookHost[] {
  if (!value) return [];
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const shape = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i.exec(entry);
      let url: URL | null = null;
      try {
        url = shape ? new URL(`http://${entry}`) : null;
      } catch {
        url = null;
      }
      if (!shape || !url || !url.hostname)
        throw new Error(
          `Invalid configuration: the webhook host "${entry}" (CERTDESK_WEBHOOK_ALLOWED_HOSTS) must be a host name or address, optionally with :port, such as hooks.internal or 127.0.0.1:3154. See docs/webhooks.md.`,
        );
      // The URL parser's spelling (127.1 is 127.0.0.1, IPv6 compressed), as delivery URLs are compared in it.
      return { host: bare(url.hostname), port: shape[2] ? Number(shape[2]) : null };
    });
}

const bare = (hostname: string) => hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();

const computed = new WeakMap<Config, AllowedWebhookHost[]>();

export function allowedWebhookHosts(): AllowedWebhookHost[] {
  const c = config();
  let hosts = computed.get(c);
  if (!hosts) {
    hosts = parseAllowedWebhookHosts(c.CERTDESK_WEBHOOK_ALLOWED_HOSTS);
    computed.set(c, hosts);
  }
  return hosts;
}

/** Whether the deployment allows this URL's host (and port) although it may be private. */
export function isAllowedWebhookHost(url: URL): boolean {
  const host = bare(url.hostname);
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  return allowedWebhookHosts().some(
    (entry) => entry.host === host && (entry.port === null || entry.port === port),
  );
}
