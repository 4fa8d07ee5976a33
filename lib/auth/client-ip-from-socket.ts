// How Certdesk's HTTP server decides who the client is. With TRUSTED_PROXY_HOPS = 0 (the default) the address is
// the socket's peer: nothing the client writes in a header counts. With N trusted proxies in front, each appends
// the address it saw to X-Forwarded-For, so the Nth entry from the right is the one the outermost trusted proxy
// wrote; entries further left were written by the client and are ignored. A header with fewer entries than that
// did not pass through every trusted proxy, so the socket's address is used.
import type { IncomingMessage } from "node:http";
import net from "node:net";
import { CLIENT_IP_HEADER } from "./client-ip";

/** An address as written by a proxy or a socket, without IPv4-mapped prefix, brackets or port; null if not an IP. */
export function normalizeAddress(value: string | undefined | null): string | null {
  if (!value) return null;
  let text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  text = text.replace(/^::ffff:(?=\d{1,3}(\.\d{1,3}){3}$)/i, "");
  return net.isIP(text) ? text.toLowerCase() : null;
}

export function clientIpFromSocket(input: {
  socketAddress: string | undefined | null;
  forwardedFor: string | string[] | undefined | null;
  trustedProxyHops: number;
}): string | null {
  const socket = normalizeAddress(input.socketAddress);
  if (input.trustedProxyHops <= 0) return socket;
  const header = Array.isArray(input.forwardedFor)
    ? input.forwardedFor.join(",")
    : (input.forwardedFor ?? "");
  const entries = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length < input.trustedProxyHops) return socket;
  // A trusted proxy writes a valid address; anything else there means a misconfigured chain: fall back to the
  // socket (the proxy itself) rather than record text a client may have chosen.
  return normalizeAddress(entries[entries.length - input.trustedProxyHops]) ?? socket;
}

/**
 * Replaces any client-sent CLIENT_IP_HEADER with the address this server determined (or removes it when there is
 * none), before Next.js sees the request.
 */
export function stampClientIp(request: IncomingMessage, trustedProxyHops: number): string | null {
  delete request.headers[CLIENT_IP_HEADER];
  const address = clientIpFromSocket({
    socketAddress: request.socket.remoteAddress,
    forwardedFor: request.headers["x-forwarded-for"],
    trustedProxyHops,
  });
  if (address) request.headers[CLIENT_IP_HEADER] = address;
  return address;
}
