// The outbound call metrics as Prometheus shows them: latency by service and status for answers, errors by kind
// for calls that got none (refused by the guard, connection refused, timeout) or a 5xx.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metrics } from "@/lib/metrics/metrics";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { outboundFetch } from "./outbound-fetch";

let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === "/slow") setTimeout(() => response.end("late"), 2_000);
    else if (request.url === "/broken") response.writeHead(503).end("down");
    else if (request.url === "/reset") request.socket.destroy();
    else response.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  allowSandboxOrigins(origin);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A series' value from the exposition text (a histogram's by its _count), 0 when it is not there yet. */
async function value(name: string, labels: Record<string, string>): Promise<number> {
  const text = await metrics().registry.metrics();
  const series = name.endsWith("_seconds") ? `${name}_count` : name;
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== series) continue;
    const found = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, wanted]) => found[key] === wanted)) return Number(match[3]);
  }
  return 0;
}

describe("outbound call metrics", () => {
  it("times answers by service and status, and counts 5xx and calls without an answer by kind", async () => {
    const ok = { service: "trustedform", method: "GET", status: "200" };
    const down = { service: "truescreen", method: "GET", status: "503" };
    const before = {
      ok: await value("certdesk_outbound_request_duration_seconds", ok),
      down: await value("certdesk_outbound_request_duration_seconds", down),
      http5xx: await value("certdesk_outbound_errors_total", { service: "truescreen", kind: "http_5xx" }),
      refused: await value("certdesk_outbound_errors_total", { service: "artifact", kind: "refused" }),
      network: await value("certdesk_outbound_errors_total", { service: "trustedform", kind: "network" }),
      timeout: await value("certdesk_outbound_errors_total", { service: "trustedform", kind: "timeout" }),
    };
    await (await outboundFetch(`${origin}/`, { service: "trustedform" })).text();
    await (await outboundFetch(`${origin}/broken`, { service: "truescreen" })).text();
    await expect(outboundFetch("http://10.0.0.1/", { service: "artifact" })).rejects.toThrow();
    await expect(outboundFetch(`${origin}/reset`, { service: "trustedform" })).rejects.toThrow();
    await expect(
      outboundFetch(`${origin}/slow`, { service: "trustedform", signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();

    expect((await value("certdesk_outbound_request_duration_seconds", ok)) - before.ok).toBe(1);
    expect((await value("certdesk_outbound_request_duration_seconds", down)) - before.down).toBe(1);
    const errors = async (service: string, kind: string) =>
      value("certdesk_outbound_errors_total", { service, kind });
    expect((await errors("truescreen", "http_5xx")) - before.http5xx).toBe(1);
    expect((await errors("artifact", "refused")) - before.refused).toBe(1);
    expect((await errors("trustedform", "network")) - before.network).toBe(1);
    expect((await errors("trustedform", "timeout")) - before.timeout).toBe(1);
  });
});
