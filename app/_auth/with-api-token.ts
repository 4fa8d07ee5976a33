// The API token gate, the fourth place a TenantContext is built (after the member gate, the workers and the TrueScreen
// webhook receiver): `Authorization: Bearer cdk_…` names a live token, the token names its tenant, and the handler
// gets that tenant's context acting as the token (audit entries carry its name). Unknown, revoked or malformed tokens
// answer 401, a missing scope 403, the token's rate limit 429 with Retry-After; all as RFC 9457 problems. Reads are
// audited here (one `api.read` entry per call); writes are audited by the verbs they call, under the token's name.
import "server-only";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import type { TokenScope } from "@/lib/api-tokens/token-scopes";
import { hasScope } from "@/lib/api-tokens/token-scopes";
import { problem, problemFromError, problemResponse } from "@/lib/api/problem";
import type { TokenActor } from "@/lib/core/actor";
import { componentLogger, logError } from "@/lib/log/logger";
import type { TenantContext } from "@/lib/core/tenant-context";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

type RouteParams = Record<string, string | string[]>;

export type TokenContext = TenantContext & { readonly actor: TokenActor };

const UNAUTHORIZED = { "www-authenticate": 'Bearer realm="certdesk"' };

/** The tenant context of a request's token, or the problem to answer instead. */
export async function openTokenContext(
  request: Request,
  /** Null for MCP, whose tools each check their own scope. */
  scope: TokenScope | null,
): Promise<{ ok: true; context: TokenContext } | { ok: false; response: Response }> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match)
    return {
      ok: false,
      response: problemResponse(
        problem("unauthorized", "Send an API token: Authorization: Bearer cdk_…"),
        UNAUTHORIZED,
      ),
    };
  const found = await authenticateApiToken(match[1]!);
  if (!found.ok && found.reason === "rate_limited")
    return {
      ok: false,
      response: problemResponse(
        problem(
          "rate-limited",
          `This token may make ${found.limit} requests a minute. Try again in ${found.retryAfterSeconds} s.`,
          { retryAfter: found.retryAfterSeconds },
        ),
        { "retry-after": String(found.retryAfterSeconds) },
      ),
    };
  if (!found.ok)
    return {
      ok: false,
      response: problemResponse(
        problem("unauthorized", "This API token is not valid: it is unknown or was revoked."),
        UNAUTHORIZED,
      ),
    };
  if (scope && !hasScope(found.scopes, scope))
    return {
      ok: false,
      response: problemResponse(
        problem("insufficient-scope", `This needs a token with the ${scope} scope. An admin can create one.`),
      ),
    };
  const actor: TokenActor = { kind: "token", tokenId: found.tokenId, name: found.name, scopes: found.scopes };
  return { ok: true, context: openTenantContext(found.tenantId, actor) as TokenContext };
}

/**
 * Logs an unexpected failure as the member gate does (lib/log/logger.ts): the error's type, its code (a Prisma error's
 * P2028, a database's 40P01) and its message, scrubbed of credentials, so a failure can be diagnosed from the log.
 */
export function logFailure(what: string, error: unknown) {
  logError(componentLogger("api"), what, error);
}

/** A known error as its problem response; anything else is logged and answered 500 without details. */
export function errorResponse(error: unknown): Response {
  const known = problemFromError(error);
  if (known) return problemResponse(known);
  logFailure("api", error);
  return problemResponse(
    problem("internal", "Certdesk could not finish this request. Nothing more is known."),
  );
}

export function withApiToken<Params extends RouteParams = Record<string, never>>(
  scope: TokenScope,
  handler: (context: TokenContext, request: Request, params: Params) => Promise<Response>,
): (request: Request, route: { params: Promise<Params> }) => Promise<Response> {
  return async (request, route) => {
    const gate = await openTokenContext(request, scope);
    if (!gate.ok) return gate.response;
    let response: Response;
    try {
      response = await handler(gate.context, request, await route.params);
    } catch (error) {
      response = errorResponse(error);
    }
    if (request.method === "GET" || request.method === "HEAD")
      await gate.context
        .audit("api.read", null, { path: new URL(request.url).pathname, status: response.status })
        .catch((error) => logFailure("api audit", error));
    return response;
  };
}
