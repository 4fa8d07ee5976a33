// The client address for throttling and the audit log. Only Certdesk's own HTTP server (scripts/server.ts) knows
// it: it derives the address from the socket and TRUSTED_PROXY_HOPS, throws away any value of this header the
// client sent, and sets its own (lib/auth/client-ip-from-socket.ts). Route code reads nothing else: a client-sent
// X-Forwarded-For never reaches throttling or the audit log.
import net from "node:net";

export const CLIENT_IP_HEADER = "x-certdesk-client-ip";

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

export function clientIp(headers: HeaderSource): string | null {
  const raw =
    typeof (headers as { get?: unknown }).get === "function"
      ? (headers as { get(name: string): string | null }).get(CLIENT_IP_HEADER)
      : (headers as Record<string, string | string[] | undefined>)[CLIENT_IP_HEADER];
  const value = Array.isArray(raw) ? undefined : raw?.trim();
  // The server writes exactly one address; anything else did not come from it.
  return value && net.isIP(value) ? value : null;
}
