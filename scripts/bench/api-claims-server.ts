// The benchmark's API server (scripts/bench/api-claims.ts starts it as its own process): POST /api/v1/claims served by
// the real route handler (token gate, idempotency, claimOne, PostgreSQL) on a plain Node HTTP server, and /__cpu with
// this process's CPU time, so the benchmark can divide it by the claims made. Next.js's own routing is not included.
// Run with --conditions=react-server, as Next.js runs route handlers (server-only resolves to an empty module).
// SIGTERM exits normally, so a CPU profile (--cpu-prof) is written.
import { serve } from "@hono/node-server";
import { POST } from "@/app/api/v1/claims/route";

const server = serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch: (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname === "/__cpu") return Response.json(process.cpuUsage());
    if (url.pathname === "/api/v1/claims" && request.method === "POST")
      return POST(request, { params: Promise.resolve({}) });
    return new Response("not found", { status: 404 });
  },
});
server.on("listening", () => {
  const address = server.address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
});
process.on("SIGTERM", () => process.exit(0));
