// Calling the public API's route handlers in integration tests as a client would: a Request with a bearer token,
// JSON and an Idempotency-Key, handed straight to the handler (no server), and tokens created as an admin would.
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { TOKEN_SCOPES, type TokenScope } from "@/lib/api-tokens/token-scopes";
import type { TenantContext } from "@/lib/core/tenant-context";

type Handler<P> = (request: Request, route: { params: Promise<P> }) => Promise<Response>;

export async function newApiToken(
  admin: TenantContext,
  scopes: readonly TokenScope[] = TOKEN_SCOPES,
  name = `token ${crypto.randomUUID().slice(0, 8)}`,
): Promise<string> {
  return (await createApiToken(admin, { name, scopes: [...scopes] })).token;
}

export interface Call {
  token?: string | null;
  path?: string;
  body?: unknown;
  key?: string;
  headers?: Record<string, string>;
}

export async function call<P extends Record<string, string> = Record<string, never>>(
  handler: Handler<P>,
  method: string,
  { token, path = "/api/v1/x", body, key, headers = {} }: Call = {},
  params = {} as P,
  // The answer's JSON, read loosely as a client's test would.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; headers: Headers; json: any; response: Response }> {
  const request = new Request(`http://localhost${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...(key ? { "idempotency-key": key } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const type = response.headers.get("content-type") ?? "";
  // A part (206) of a JSON file is not JSON.
  const json = type.includes("json") && response.status !== 206 ? await response.clone().json() : null;
  return { status: response.status, headers: response.headers, json, response };
}
