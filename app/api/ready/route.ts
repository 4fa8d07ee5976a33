// GET /api/ready: whether this instance should get traffic: the database answers, its migrations are current,
// evidence storage is writable, and the process is not shutting down (lib/health). 200 or 503 with the names of the
// failed checks only. No sign-in and no tenant data: a load balancer's and a container runtime's probe.
import { readinessResponse } from "@/lib/health/check-readiness";
import { checkReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return readinessResponse(await checkReadiness());
}
