// Certdesk's HTTP server over real sockets: the address handed to the app, for each TRUSTED_PROXY_HOPS setting,
// against the headers an attacker sends.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIp } from "@/lib/auth/client-ip";
import { createWebServer } from "./web-server";

const servers: http.Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server whose app answers what lib/auth/client-ip reads, as route code would. */
async function serve(trustedProxyHops: number): Promise<number> {
  const server = createWebServer({
    trustedProxyHops,
    handle: async (request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ ip: clientIp(request.headers), raw: request.headers[CLIENT_IP_HEADER] }));
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** One request from a chosen loopback source address, with raw header lines (repeated names allowed). */
function send(port: number, from: string, headers: Array<[string, string]>) {
  return new Promise<{ ip: string | null; raw?: string }>((resolve, reject) => {
    const request = http.request(
      {
        port,
        host: "127.0.0.1",
        localAddress: from,
        path: "/",
        headers: [["Host", `127.0.0.1:${port}`], ...headers].flat(),
      },
      (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk));
        response.on("end", () => {
          if (response.statusCode === 200) resolve(JSON.parse(body));
          else reject(new Error(`HTTP ${response.statusCode}: ${body}`));
        });
      },
    );
    request.on("error", reject);
    request.end();
  });
}

const hostile: Array<[string, string]> = [
  ["X-Forwarded-For", "203.0.113.66"],
  [CLIENT_IP_HEADER, "203.0.113.67"],
  [CLIENT_IP_HEADER.toUpperCase(), "203.0.113.68"],
  ["X-Real-IP", "203.0.113.69"],
  ["Forwarded", "for=203.0.113.70"],
];

describe("createWebServer", () => {
  it("with 0 trusted hops hands the app the socket's address, whatever the client wrote", async () => {
    const port = await serve(0);
    expect(await send(port, "127.0.0.5", hostile)).toEqual({ ip: "127.0.0.5", raw: "127.0.0.5" });
    expect(await send(port, "127.0.0.6", [])).toEqual({ ip: "127.0.0.6", raw: "127.0.0.6" });
    expect(await send(port, "127.0.0.7", [["X-Forwarded-For", "10.0.0.1, 203.0.113.9"]])).toEqual({
      ip: "127.0.0.7",
      raw: "127.0.0.7",
    });
  });

  it("with 1 trusted hop takes the address the proxy appended, never the ones the client sent", async () => {
    const port = await serve(1);
    // What a proxy forwards when the client sent its own X-Forwarded-For: the client's value, then the real one.
    expect(
      await send(port, "127.0.0.8", [
        ["X-Forwarded-For", "203.0.113.66, 198.51.100.7"],
        [CLIENT_IP_HEADER, "203.0.113.67"],
      ]),
    ).toEqual({ ip: "198.51.100.7", raw: "198.51.100.7" });
    // Reached without passing the proxy: no entry the proxy wrote, so the socket.
    expect(await send(port, "127.0.0.9", [[CLIENT_IP_HEADER, "203.0.113.67"]])).toEqual({
      ip: "127.0.0.9",
      raw: "127.0.0.9",
    });
    // Garbage where the proxy's entry should be: the socket, not the text.
    expect(await send(port, "127.0.0.10", [["X-Forwarded-For", "198.51.100.7, not-an-ip"]])).toEqual({
      ip: "127.0.0.10",
      raw: "127.0.0.10",
    });
  });

  it("with 2 trusted hops takes the second entry from the right", async () => {
    const port = await serve(2);
    expect(
      await send(port, "127.0.0.11", [
        ["X-Forwarded-For", "203.0.113.66"],
        ["X-Forwarded-For", "198.51.100.7, 10.0.0.2"],
      ]),
    ).toEqual({ ip: "198.51.100.7", raw: "198.51.100.7" });
    expect(await send(port, "127.0.0.12", [["X-Forwarded-For", "10.0.0.2"]])).toEqual({
      ip: "127.0.0.12",
      raw: "127.0.0.12",
    });
  });
});
