// The one HTTP client that sends to an address a tenant typed: their webhook endpoints. It is SSRF-safe by
// construction rather than by a check beforehand:
// - the URL is https (plain http only for a host the deployment allows), without user name or password;
// - the host name is resolved BY THE CONNECTION ITSELF, through a lookup function that classifies every address it
//   answers (lib/outbound/classify-address.ts) and fails the connection when one is not public. There is no earlier
//   lookup whose answer could differ from the one connected to, so a name that rebinds to a private address between
//   a check and the connection gets nothing; a literal IP address (node does not look those up) is classified from
//   the URL, whose parser has already normalised decimal, octal and hex spellings and IPv4-mapped IPv6 forms;
// - a new connection per request (no pool): every send is looked up and checked again;
// - redirects are never followed (a 3xx is a failed attempt), and the response body is never read: only the status
//   and the time it took are kept.
// A host on CERTDESK_WEBHOOK_ALLOWED_HOSTS (webhook-allowed-hosts.ts) may resolve anywhere and may use http.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net, { type LookupFunction } from "node:net";
import { ADDRESS_CLASS_WORDS, classifyAddress, type AddressClass } from "@/lib/outbound/classify-address";
import { isAllowedWebhookHost } from "./webhook-allowed-hosts";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** How host names become addresses; tests pass their own (a name that answers public, then private). */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((answer) => ({
    address: answer.address,
    family: answer.family === 6 ? 6 : 4,
  }));

export const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_URL_LENGTH = 2000;

/** The URL may not be sent to: the words say why, never which address a name resolved to. */
export class WebhookTargetError extends Error {
  constructor(
    message: string,
    readonly reason: AddressClass | "scheme" | "userinfo" | "not-https" | "invalid" | "unresolved",
  ) {
    super(message);
    this.name = "WebhookTargetError";
  }
}

function refusedAddress(kind: AddressClass): WebhookTargetError {
  return new WebhookTargetError(
    `Certdesk does not send webhooks there: the host resolves to ${ADDRESS_CLASS_WORDS[kind]}. Webhook endpoints must be on the public internet.`,
    kind,
  );
}

export interface WebhookTarget {
  url: URL;
  /** The deployment allows this host although it may be private (CERTDESK_WEBHOOK_ALLOWED_HOSTS). */
  allowed: boolean;
}

/** What can be told from the URL alone: scheme, userinfo, length, and the class of a literal IP address. */
export function checkWebhookUrl(text: string): WebhookTarget {
  let url: URL;
  try {
    if (text.length > MAX_URL_LENGTH) throw new Error("too long");
    url = new URL(text);
  } catch {
    throw new WebhookTargetError(
      `Enter the endpoint's full address, such as https://hooks.example.com/certdesk (at most ${MAX_URL_LENGTH} characters).`,
      "invalid",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new WebhookTargetError("A webhook endpoint is an https address.", "scheme");
  if (url.username || url.password)
    throw new WebhookTargetError(
      "A webhook address may not carry a user name or password: each delivery is signed instead.",
      "userinfo",
    );
  const allowed = isAllowedWebhookHost(url);
  if (!allowed && url.protocol !== "https:")
    throw new WebhookTargetError("A webhook endpoint must use https.", "not-https");
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!allowed && net.isIP(host)) {
    const kind = classifyAddress(host);
    if (kind !== "public") throw refusedAddress(kind);
  }
  return { url, allowed };
}

/** Every address must be public (unless the host is allowed): one private answer refuses the name as a whole. */
function checkAnswers(answers: ResolvedAddress[], allowed: boolean): void {
  if (answers.length === 0)
    throw Object.assign(new Error("The host name did not resolve."), { code: "ENOTFOUND" });
  if (allowed) return;
  for (const { address } of answers) {
    const kind = classifyAddress(address);
    if (kind !== "public") throw refusedAddress(kind);
  }
}

/**
 * For registration: the URL's checks plus one resolution, so that an admin hears at once that an address is
 * private. It proves nothing about later deliveries (names change): each connection checks again.
 */
export async function checkWebhookTarget(
  text: string,
  resolve: Resolve = systemResolve,
): Promise<WebhookTarget> {
  const target = checkWebhookUrl(text);
  const host = target.url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (net.isIP(host)) return target;
  let answers: ResolvedAddress[];
  try {
    answers = await resolve(host);
  } catch {
    throw new WebhookTargetError(
      "The endpoint's host name does not resolve: check the address.",
      "unresolved",
    );
  }
  if (answers.length === 0)
    throw new WebhookTargetError(
      "The endpoint's host name does not resolve: check the address.",
      "unresolved",
    );
  checkAnswers(answers, target.allowed);
  return target;
}

/** The lookup the connection itself uses: it resolves, classifies, and only then hands the addresses over. */
function guardedLookup(allowed: boolean, resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((answers) => {
        checkAnswers(answers, allowed);
        const family = options.family === 4 || options.family === 6 ? options.family : null;
        const usable = family ? answers.filter((answer) => answer.family === family) : answers;
        if (usable.length === 0)
          throw Object.assign(new Error("No address of the wanted family."), { code: "ENOTFOUND" });
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      })
      .catch((error: unknown) => {
        (callback as (error: Error) => void)(error instanceof Error ? error : new Error(String(error)));
      });
  };
}

export interface WebhookSendResult {
  ok: boolean;
  /** The HTTP status, when an answer came. */
  statusCode: number | null;
  durationMs: number;
  /** What went wrong, in words (never the response body). */
  error: string | null;
}

class SendTimeout extends Error {
  constructor(readonly ms: number) {
    super("timeout");
  }
}

function errorWords(error: unknown): string {
  if (error instanceof WebhookTargetError) return error.message;
  if (error instanceof SendTimeout)
    return `No answer within ${Number((error.ms / 1000).toFixed(1))} seconds.`;
  const code = (error as { code?: unknown })?.code;
  const text = typeof code === "string" ? code : "";
  if (text === "ECONNREFUSED") return "The connection was refused.";
  if (text === "ENOTFOUND" || text === "EAI_AGAIN") return "The host name did not resolve.";
  if (text === "ECONNRESET" || text === "EPIPE") return "The connection was closed before an answer came.";
  if (text === "ETIMEDOUT" || text === "EHOSTUNREACH" || text === "ENETUNREACH")
    return "The host could not be reached.";
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(text))
    return `The endpoint's TLS certificate was not accepted (${text}).`;
  return text ? `The request failed (${text}).` : "The request failed.";
}

/** POSTs one signed webhook. Never throws: the result says what happened, in status, timing and words. */
export async function sendWebhook(
  urlText: string,
  init: { headers: Record<string, string>; body: string; timeoutMs?: number; resolve?: Resolve },
): Promise<WebhookSendResult> {
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  let target: WebhookTarget;
  try {
    target = checkWebhookUrl(urlText);
  } catch (error) {
    return { ok: false, statusCode: null, durationMs: 0, error: errorWords(error) };
  }
  const { url } = target;
  const timeoutMs = init.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const client = url.protocol === "https:" ? https : http;
  return new Promise<WebhookSendResult>((resolve) => {
    let settled = false;
    const finish = (result: WebhookSendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      {
        protocol: url.protocol,
        host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers: {
          ...init.headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(init.body)),
          "user-agent": "Certdesk-Webhooks/1.0",
        },
        agent: false,
        lookup: guardedLookup(target.allowed, init.resolve ?? systemResolve),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // The body is not read: what an endpoint answers is none of Certdesk's business beyond its status.
        response.destroy();
        request.destroy();
        const ok = status >= 200 && status < 300;
        finish({
          ok,
          statusCode: status,
          durationMs: elapsed(),
          error: ok
            ? null
            : status >= 300 && status < 400
              ? `The endpoint answered with a redirect (HTTP ${status}), which Certdesk does not follow.`
              : `The endpoint answered HTTP ${status}.`,
        });
      },
    );
    const timer = setTimeout(() => request.destroy(new SendTimeout(timeoutMs)), timeoutMs);
    request.on("error", (error) =>
      finish({ ok: false, statusCode: null, durationMs: elapsed(), error: errorWords(error) }),
    );
    request.end(init.body);
  });
}
