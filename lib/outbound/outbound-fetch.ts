// The one way Certdesk's server calls TrueScreen, TrustedForm and the artifact URLs TrueScreen returns. It checks
// the target (check-outbound-target.ts), then connects with node's http(s) to exactly the addresses that were
// checked (a lookup function that answers from the check, never a second DNS query), and never follows a redirect:
// a 3xx is an OutboundRedirectError. Answers come back as a standard Response, so the clients read them as before.
//
// Errors keep the shapes the clients already tell apart: the signal's reason (TimeoutError) for a timeout, an
// OutboundNetworkError whose cause carries the system code (ECONNREFUSED, ENOTFOUND, ...) when no answer came, and
// OutboundRefusedError when the guard sent nothing at all.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Readable } from "node:stream";
import { metrics, type OutboundService } from "@/lib/metrics/metrics";
import { checkOutboundTarget, type ResolvedAddress } from "./check-outbound-target";
import { OutboundNetworkError, OutboundRedirectError, OutboundRefusedError } from "./outbound-errors";

export interface OutboundInit {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Which service this calls, for the latency and error metrics (default "other"). */
  service?: OutboundService;
}

// Keep-alive pools, as fetch had: the bulk-claim worker reuses its connections to TrustedForm. An idle socket is
// closed after 4 s, before a server's usual 5 s keep-alive timeout, so a claim is never written onto a connection the
// server is closing at that moment (which would leave its outcome unknown).
const IDLE_SOCKET_MS = 4000;
const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  "https:": new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) return callback(null, addresses);
    const wanted = addresses.find((a) => !options.family || a.family === options.family) ?? addresses[0]!;
    callback(null, wanted.address, wanted.family);
  };
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // A header value the Fetch standard refuses is dropped, as fetch itself would not have produced it.
    }
  }
  return headers;
}

/** Time to the response headers by service and status, and calls that got no usable answer by kind. */
export async function outboundFetch(input: string | URL, init: OutboundInit = {}): Promise<Response> {
  const service = init.service ?? "other";
  const method = init.method ?? "GET";
  const started = process.hrtime.bigint();
  try {
    const response = await send(input, init);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics().outboundDuration.observe({ service, method, status: String(response.status) }, seconds);
    if (response.status >= 500) metrics().outboundErrors.inc({ service, kind: "http_5xx" });
    return response;
  } catch (error) {
    metrics().outboundErrors.inc({ service, kind: errorKind(error) });
    throw error;
  }
}

function errorKind(error: unknown): string {
  if (error instanceof OutboundRefusedError) return "refused";
  if (error instanceof OutboundRedirectError) return "redirect";
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return "timeout";
  if (error instanceof OutboundNetworkError) return "network";
  return "other";
}

async function send(input: string | URL, init: OutboundInit): Promise<Response> {
  const { signal } = init;
  signal?.throwIfAborted();
  const target = await checkOutboundTarget(input);
  signal?.throwIfAborted();
  const { url } = target;
  const client = url.protocol === "https:" ? https : http;
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));

  return new Promise<Response>((resolve, reject) => {
    let response: http.IncomingMessage | null = null;
    const onAbort = () => {
      request.destroy(signal!.reason as Error);
      response?.destroy(signal!.reason as Error);
    };
    const request = client.request(
      {
        protocol: url.protocol,
        host: target.host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: init.method ?? "GET",
        headers,
        agent: agents[url.protocol as "http:" | "https:"],
        lookup: pinnedLookup(target.addresses),
      },
      (incoming) => {
        response = incoming;
        incoming.once("close", () => signal?.removeEventListener("abort", onAbort));
        const status = incoming.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          incoming.resume();
          return reject(new OutboundRedirectError(status));
        }
        const nullBody = NULL_BODY_STATUSES.has(status);
        if (nullBody) incoming.resume();
        try {
          resolve(
            new Response(
              nullBody ? null : (Readable.toWeb(incoming) as unknown as ReadableStream<Uint8Array>),
              { status, statusText: incoming.statusMessage, headers: responseHeaders(incoming.rawHeaders) },
            ),
          );
        } catch (error) {
          // A status a Response cannot carry (outside 200-599): no usable answer.
          incoming.destroy();
          reject(new OutboundNetworkError(error));
        }
      },
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error) => {
      signal?.removeEventListener("abort", onAbort);
      reject(signal?.aborted ? (signal.reason as Error) : new OutboundNetworkError(error));
    });
    request.end(init.body);
  });
}
