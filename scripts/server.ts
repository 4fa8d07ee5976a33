// npm run web: the web app (production build, or `next dev` with --dev) behind Certdesk's own HTTP server, which
// sets the client address from the socket (scripts/lib/web-server.ts). `npm start` runs it as a child; at scale,
// run it once per app instance. Serve Certdesk only this way: under a bare `next start` no client address is known,
// so per-address sign-in throttling is off and the audit log records none.
import path from "node:path";
import pg from "pg";
import { readConfig } from "@/lib/config";
import { componentLogger } from "@/lib/log/logger";
import { registerDatabaseGauges } from "@/lib/metrics/database-gauges";
import { labelProcess, metrics } from "@/lib/metrics/metrics";
import { createRouteLabeler, readRoutePatterns } from "@/lib/metrics/route-label";
import { browserUploadOrigins } from "@/lib/security-headers/build-content-security-policy";
import { stopOnSignals } from "./lib/stop-on-signals";
import { createWebServer } from "./lib/web-server";

/** In-flight requests get this long after SIGTERM (the supervisor waits 25 s before it kills). */
const DRAIN_TIMEOUT_MS = 20_000;

const dev = process.argv.includes("--dev");
// React and Next.js choose their production or development build when first loaded, from NODE_ENV.
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
const config = readConfig();
// proxy.ts builds the Content-Security-Policy from these on every request: refuse a bad value now, not per page.
browserUploadOrigins(config);
const { default: next } = await import("next");

const log = componentLogger("web");
labelProcess("web");
// Certifications by status and the job queues, counted in the database when /metrics is scraped (a small pool of
// its own, so a slow scrape never takes a connection the app needs).
const metricsPool =
  config.DATABASE_URL && config.CERTDESK_METRICS_TOKEN
    ? new pg.Pool({ connectionString: config.DATABASE_URL, max: 1, application_name: "certdesk-metrics" })
    : null;
metricsPool?.on("error", (error) => log.warn({ err: error }, "metrics database connection failed"));
if (metricsPool) registerDatabaseGauges(metrics().registry, (sql) => metricsPool.query(sql));

const app = next({ dev, dir: path.resolve("."), port: config.PORT, hostname: "localhost" });
await app.prepare();
const handle = app.getRequestHandler();
const server = createWebServer({
  handle: (request, response) => handle(request, response),
  trustedProxyHops: config.TRUSTED_PROXY_HOPS,
  metricsToken: config.CERTDESK_METRICS_TOKEN,
  routeLabel: createRouteLabeler(readRoutePatterns(path.resolve("."))),
});
server.listen(config.PORT, () =>
  log.info(
    {
      port: config.PORT,
      mode: dev ? "development" : "production",
      trustedProxyHops: config.TRUSTED_PROXY_HOPS,
      metrics: config.CERTDESK_METRICS_TOKEN ? "/metrics (Bearer token)" : "off",
    },
    `listening on port ${config.PORT}`,
  ),
);

// SIGTERM: stop accepting, /api/ready answers 503, in-flight requests finish, then Next.js closes and we exit 0.
stopOnSignals(async () => {
  const how = await server.drain(DRAIN_TIMEOUT_MS);
  if (how === "timed out") log.warn(`requests still in flight after ${DRAIN_TIMEOUT_MS / 1000} s were cut`);
  await app.close();
  await metricsPool?.end();
}, log);
