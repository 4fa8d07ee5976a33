// The member gate for route handlers (downloads, exports, progress, batch results), as runAction is for server
// actions: it authenticates, checks the role and hands the handler a TenantContext, so that no handler can forget
// tenancy. The handler calls one lib/ verb and turns its answer into a Response. Refusals are plain text with the
// status (401 signed out, 403 role too low); an unexpected error is logged and answered 500 without details.
import "server-only";
import type { Role } from "@/lib/auth/roles";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { gateContext, type GateContext } from "./gate-context";
import { requireMember } from "./require-member";
import { logFailure, SOMETHING_WENT_WRONG } from "./run-action";

type RouteParams = Record<string, string | string[]>;

const STATUS_OF = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 } as const;

export function withMember<Params extends RouteParams = Record<string, never>>(
  role: Role,
  handler: (context: GateContext, request: Request, params: Params) => Promise<Response>,
): (request: Request, route: { params: Promise<Params> }) => Promise<Response> {
  return async (request, route) => {
    const gate = await requireMember(role);
    if (!gate.ok) return new Response(gate.error, { status: gate.status, headers: noStore });
    try {
      return await handler(gateContext(gate.member), request, await route.params);
    } catch (error) {
      if (error instanceof UserFacingError)
        return new Response(error.message, { status: STATUS_OF[error.kind], headers: noStore });
      logFailure("route", error);
      return new Response(SOMETHING_WENT_WRONG, { status: 500, headers: noStore });
    }
  };
}

const noStore = { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" };
