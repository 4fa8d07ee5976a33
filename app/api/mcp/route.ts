// /api/mcp: Certdesk's MCP endpoint (streamable HTTP, stateless: a new server and transport per request, so any app
// instance answers any call), authenticated by a tenant API token like /api/v1. Each tool checks its own scope.
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { errorResponse, openTokenContext } from "@/app/_auth/with-api-token";
import { certdeskMcpServer } from "@/lib/mcp/certdesk-mcp-server";

async function handle(request: Request): Promise<Response> {
  const gate = await openTokenContext(request, null);
  if (!gate.ok) return gate.response;
  try {
    const server = certdeskMcpServer(gate.context);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    return await transport.handleRequest(request);
  } catch (error) {
    return errorResponse(error);
  }
}

export const POST = handle;
export const GET = handle;
export const DELETE = handle;
