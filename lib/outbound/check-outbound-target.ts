// The outbound policy, decided before any connection: a target is http(s) without userinfo; an origin on the
// deployment's sandbox list may be anywhere (that is what a local sandbox is); any other origin must be https and
// every address its name resolves to must be public. The caller then connects to exactly the addresses checked here
// (outbound-fetch.ts pins them), so a second DNS answer cannot slip a private address in between check and use.
//
// Lookups are cached for a short while per process: the bulk-claim worker sends hundreds of requests a second to one
// origin, and one lookup per request would be a DNS storm for no gain (the connection pool reuses sockets anyway).
import dns from "node:dns";
import net from "node:net";
import { isAllowedSandboxOrigin } from "./allowed-sandbox-origins";
import { classifyAddress } from "./classify-address";
import { OutboundNetworkError, OutboundRefusedError } from "./outbound-errors";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface OutboundTarget {
  url: URL;
  /** The host name without IPv6 brackets. */
  host: string;
  /** Where the connection may go: the addresses that were checked. */
  addresses: ResolvedAddress[];
  /** The origin is on the deployment's sandbox list. */
  sandbox: boolean;
}

const LOOKUP_TTL_MS = 30_000;
const LOOKUP_CACHE_LIMIT = 500;
const lookups = new Map<string, { expires: number; addresses: Promise<ResolvedAddress[]> }>();

function lookup(host: string): Promise<ResolvedAddress[]> {
  const now = Date.now();
  const cached = lookups.get(host);
  if (cached && cached.expires > now) return cached.addresses;
  if (lookups.size >= LOOKUP_CACHE_LIMIT) lookups.clear();
  const addresses = dns.promises
    .lookup(host, { all: true, verbatim: true })
    .then((answers) => answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }) as const))
    .catch((error: unknown) => {
      lookups.delete(host);
      throw new OutboundNetworkError(error);
    });
  lookups.set(host, { expires: now + LOOKUP_TTL_MS, addresses });
  return addresses;
}

export async function checkOutboundTarget(input: string | URL): Promise<OutboundTarget> {
  const url = new URL(input);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundRefusedError("scheme");
  if (url.username || url.password) throw new OutboundRefusedError("userinfo");
  const sandbox = isAllowedSandboxOrigin(url.origin);
  if (!sandbox && url.protocol !== "https:") throw new OutboundRefusedError("not-https");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const literal = net.isIP(host);
  const addresses: ResolvedAddress[] = literal
    ? [{ address: host, family: literal === 6 ? 6 : 4 }]
    : await lookup(host);
  if (addresses.length === 0)
    throw new OutboundNetworkError(Object.assign(new Error("no address"), { code: "ENOTFOUND" }));
  if (!sandbox) {
    // Every answer must be public: a name with one public and one private address is refused as a whole.
    for (const { address } of addresses) {
      const kind = classifyAddress(address);
      if (kind !== "public") throw new OutboundRefusedError(kind);
    }
  }
  return { url, host, addresses, sandbox };
}
