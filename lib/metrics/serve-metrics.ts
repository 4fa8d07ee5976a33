// GET /metrics for Certdesk's HTTP servers (the web app's, before Next.js, and the worker's own): the registry in
// Prometheus's text format to a scraper that presents the Bearer token CERTDESK_METRICS_TOKEN; with no token
// configured the endpoint does not exist (404), so metrics are never public by accident.
import crypto from "node:crypto";
import type http from "node:http";
import type { Registry } from "prom-client";

function sameToken(presented: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(presented).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export async function serveMetrics(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  options: { token: string | undefined; registry: Registry },
): Promise<void> {
  if (!options.token) {
    response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    return;
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Method Not Allowed");
    return;
  }
  const match = /^Bearer ([^\s]+)$/.exec(request.headers.authorization ?? "");
  if (!match || !sameToken(match[1]!, options.token)) {
    response
      .writeHead(401, { "www-authenticate": 'Bearer realm="metrics"', "content-type": "text/plain" })
      .end("Unauthorized");
    return;
  }
  const body = await options.registry.metrics();
  response.writeHead(200, { "content-type": options.registry.contentType, "cache-control": "no-store" });
  response.end(request.method === "HEAD" ? undefined : body);
}
