// npm run web: the web app (production build, or `next dev` with --dev) behind Certdesk's own HTTP server, which
// sets the client address from the socket (scripts/lib/web-server.ts). `npm start` runs it as a child; at scale,
// run it once per app instance. Serve Certdesk only this way: under a bare `next start` no client address is known,
// so per-address sign-in throttling is off and the audit log records none.
import path from "node:path";
import { readConfig } from "@/lib/config";
import { browserUploadOrigins } from "@/lib/security-headers/build-content-security-policy";
import { createWebServer } from "./lib/web-server";

const dev = process.argv.includes("--dev");
// React and Next.js choose their production or development build when first loaded, from NODE_ENV.
if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
const config = readConfig();
// proxy.ts builds the Content-Security-Policy from these on every request: refuse a bad value now, not per page.
browserUploadOrigins(config);
const { default: next } = await import("next");

const log = (line: string) => process.stdout.write(`[web] ${line}\n`);
const app = next({ dev, dir: path.resolve("."), port: config.PORT, hostname: "localhost" });
await app.prepare();
const handle = app.getRequestHandler();
const server = createWebServer({
  handle: (request, response) => handle(request, response),
  trustedProxyHops: config.TRUSTED_PROXY_HOPS,
});
server.listen(config.PORT, () =>
  log(
    `listening on port ${config.PORT} (${dev ? "development" : "production"}; ` +
      `trusted proxy hops: ${config.TRUSTED_PROXY_HOPS})`,
  ),
);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  // Finish the requests in flight, then exit; a stuck connection does not hold the shutdown past 10 s.
  server.close(() => void app.close().finally(() => process.exit(0)));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
