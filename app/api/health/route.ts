// GET /api/health: the process is alive and serves requests. No sign-in, no details, no tenant data: a liveness
// probe (a container runtime restarts a process that stops answering it). Readiness is /api/ready.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
