// A hostile or stand-in HTTP server on loopback for attacker-side tests: it records every TCP connection and every
// request (headers and body), and answers what the test tells it to. "Nothing reached it" is connections === 0.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface CaptureAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface CaptureServer {
  origin: string;
  port: number;
  requests: CapturedRequest[];
  /** TCP connections accepted, whether or not a request followed. */
  connections: () => number;
  answer: (next: CaptureAnswer | ((request: CapturedRequest) => CaptureAnswer)) => void;
  close: () => Promise<void>;
}

export async function startCaptureServer(
  initial: CaptureAnswer = { status: 200, body: "{}" },
): Promise<CaptureServer> {
  let respond: CaptureAnswer | ((request: CapturedRequest) => CaptureAnswer) = initial;
  let connections = 0;
  const requests: CapturedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const captured = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(captured);
      const answer = typeof respond === "function" ? respond(captured) : respond;
      res.writeHead(answer.status, answer.headers ?? { "content-type": "application/json" });
      res.end(answer.body ?? "");
    });
  });
  server.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connections,
    answer: (next) => void (respond = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
