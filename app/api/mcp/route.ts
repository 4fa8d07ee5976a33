// /api/mcp: Certdesk's MCP endpoint (streamable HTTP, stateless: a new server and transport per request, so any app
// instance answers any call), authenticated by a tenant API token like /api/v1. Each tool checks its own scope.
// One JSON-RPC message per POST: the token's rate limit counts requests, so a batch would carry any number of tool
// calls (money-spending ones, minute-long waits) for the price of one; MCP 2025-06-18 dropped batching anyway. GET and
// DELETE answer 405: a stateless server has no stream to offer (a GET would otherwise hold a silent stream open for
// as long as the caller likes) and no session to end.
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { errorResponse, openTokenContext } from "@/app/_auth/with-api-token";
import { readTextWithin } from "@/lib/api/api-request";
import { certdeskMcpServer } from "@/lib/mcp/certdesk-mcp-server";

// As POST /api/v1/certifications: a thousand files' names and digests fit.
const BODY_LIMIT = 2 * 1024 * 1024;

function jsonRpcError(status: number, code: number, message: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

export async function POST(request: Request): Promise<Response> {
  const gate = await openTokenContext(request, null);
  if (!gate.ok) return gate.response;
  try {
    // Read here (whatever the Content-Type claims: the transport judges that) so that a batch never reaches it.
    if (Number(request.headers.get("content-length") ?? "0") > BODY_LIMIT)
      return jsonRpcError(413, -32000, "The request body is too large.");
    const text = await readTextWithin(request, BODY_LIMIT);
    if (text === null) return jsonRpcError(413, -32000, "The request body is too large.");
    let parsedBody: unknown;
    try {
      parsedBody = JSON.parse(text);
    } catch {
      return jsonRpcError(400, -32700, "Parse error: the body is not valid JSON.");
    }
    if (Array.isArray(parsedBody) && parsedBody.length !== 1)
      return jsonRpcError(
        400,
        -32600,
        "Send one JSON-RPC message per request: batches are not supported (each call counts against the token's rate limit).",
      );
    const server = certdeskMcpServer(gate.context);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    return await transport.handleRequest(request, { parsedBody });
  } catch (error) {
    return errorResponse(error);
  }
}

function methodNotAllowed(): Response {
  return jsonRpcError(405, -32000, "Method not allowed: this MCP endpoint is stateless; POST each message.", {
    allow: "POST",
  });
}

export const GET = methodNotAllowed;
export const DELETE = methodNotAllowed;
