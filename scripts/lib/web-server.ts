// The HTTP server in front of Next.js. It exists because `next start` hands route code a client-sent
// X-Forwarded-For as if it were the client's address: here the address comes from the socket (and from
// X-Forwarded-For only as far as TRUSTED_PROXY_HOPS allows), and any client-sent value of the header that carries
// it to the app is replaced before Next.js sees the request. It also:
// - gives every request an id (a trusted proxy's X-Request-Id, else a new one), echoed in the response's
//   X-Request-Id and put on every log line written while the request runs (lib/log/log-context.ts);
// - times every request into certdesk_http_request_duration_seconds by route pattern (lib/metrics/route-label.ts);
// - serves /metrics before Next.js, behind CERTDESK_METRICS_TOKEN (lib/metrics/serve-metrics.ts);
// - drains on shutdown: stops accepting, answers /api/ready with 503, lets in-flight requests finish.
import crypto from "node:crypto";
import http from "node:http";
import type { Registry } from "prom-client";
import { stampClientIp } from "@/lib/auth/client-ip-from-socket";
import { isDraining, markDraining } from "@/lib/health/draining";
import { runWithLogContext } from "@/lib/log/log-context";
import { componentLogger, logError } from "@/lib/log/logger";
import { metrics } from "@/lib/metrics/metrics";
import { UNMATCHED_ROUTE } from "@/lib/metrics/route-label";
import { serveMetrics } from "@/lib/metrics/serve-metrics";

export type RequestHandler = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>;

export const REQUEST_ID_HEADER = "x-request-id";
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export interface WebServerOptions {
  handle: RequestHandler;
  trustedProxyHops: number;
  /** CERTDESK_METRICS_TOKEN; unset: /metrics answers 404. */
  metricsToken?: string;
  /** The registry /metrics serves (default: this process's). */
  registry?: Registry;
  /** The `route` label of a path (default: every path is "other"). */
  routeLabel?: (pathname: string) => string;
}

export interface WebServer extends http.Server {
  /**
   * Stops accepting connections, marks the process as draining (/api/ready answers 503), closes idle keep-alive
   * connections, and resolves once every in-flight request has finished, or after timeoutMs (then the connections
   * still open are cut). Calling it again returns the same promise.
   */
  drain(timeoutMs: number): Promise<"drained" | "timed out">;
}

/** A trusted proxy's request id (only when a proxy is trusted at all), else a fresh one. */
function requestIdOf(request: http.IncomingMessage, trustedProxyHops: number): string {
  const sent = request.headers[REQUEST_ID_HEADER];
  if (trustedProxyHops > 0 && typeof sent === "string" && SAFE_REQUEST_ID.test(sent)) return sent;
  return crypto.randomUUID();
}

function pathnameOf(url: string | undefined): string {
  const raw = url ?? "/";
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

export function createWebServer(options: WebServerOptions): WebServer {
  const log = componentLogger("web");
  const registry = options.registry ?? metrics().registry;
  const routeLabel = options.routeLabel ?? (() => UNMATCHED_ROUTE);
  const inFlight = new Set<http.ServerResponse>();
  let drained: Promise<"drained" | "timed out"> | null = null;
  let onIdle: (() => void) | null = null;

  const server = http.createServer((request, response) => {
    const started = process.hrtime.bigint();
    stampClientIp(request, options.trustedProxyHops);
    const requestId = requestIdOf(request, options.trustedProxyHops);
    // Route code reads the id from the request's headers; a client-sent one never gets there unchecked.
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader("X-Request-Id", requestId);
    const pathname = pathnameOf(request.url);

    inFlight.add(response);
    response.once("close", () => {
      inFlight.delete(response);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics().httpRequestDuration.observe(
        {
          method: METHODS.has(request.method ?? "") ? request.method! : "other",
          route: routeLabel(pathname),
          status: String(response.statusCode),
        },
        seconds,
      );
      if (drained) {
        server.closeIdleConnections();
        if (inFlight.size === 0) onIdle?.();
      }
    });

    if (isDraining()) {
      response.setHeader("Connection", "close");
      if (pathname === "/api/ready") {
        response.writeHead(503, { "content-type": "application/json", "cache-control": "no-store" });
        response.end(JSON.stringify({ status: "unavailable", failed: ["shutting_down"] }));
        return;
      }
    }

    runWithLogContext({ requestId }, () => {
      const work =
        pathname === "/metrics"
          ? serveMetrics(request, response, { token: options.metricsToken, registry })
          : options.handle(request, response);
      work.catch((error: unknown) => {
        logError(log, `${request.method} ${routeLabel(pathname)}`, error);
        if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
        response.end("Internal Server Error");
      });
    });
  }) as WebServer;

  server.drain = (timeoutMs) => {
    if (drained) return drained;
    markDraining();
    drained = new Promise((resolve) => {
      let settled = false;
      const finish = (how: "drained" | "timed out") => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(how);
      };
      const timer = setTimeout(() => {
        server.closeAllConnections();
        finish("timed out");
      }, timeoutMs);
      timer.unref();
      onIdle = () => finish("drained");
      // Responses still being written tell their client to go elsewhere for the next request.
      for (const response of inFlight) if (!response.headersSent) response.setHeader("Connection", "close");
      server.close(() => finish("drained"));
      server.closeIdleConnections();
      log.info({ inFlight: inFlight.size }, "draining: new connections are refused");
      if (inFlight.size === 0) onIdle();
    });
    return drained;
  };

  return server;
}
