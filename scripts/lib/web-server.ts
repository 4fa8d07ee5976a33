// The HTTP server in front of Next.js. It exists for one reason: `next start` hands route code a client-sent
// X-Forwarded-For as if it were the client's address. Here the address comes from the socket (and from
// X-Forwarded-For only as far as TRUSTED_PROXY_HOPS allows), and any client-sent value of the header that carries
// it to the app is replaced before Next.js sees the request.
import http from "node:http";
import { stampClientIp } from "@/lib/auth/client-ip-from-socket";

export type RequestHandler = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>;

export function createWebServer(options: { handle: RequestHandler; trustedProxyHops: number }): http.Server {
  return http.createServer((request, response) => {
    stampClientIp(request, options.trustedProxyHops);
    options.handle(request, response).catch((error: unknown) => {
      console.error("[web] request failed:", error instanceof Error ? error.message : "unknown error");
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end("Internal Server Error");
    });
  });
}
