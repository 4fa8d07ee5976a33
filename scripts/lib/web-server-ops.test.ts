// Certdesk's HTTP server as an operator meets it: request ids (a trusted proxy's honoured, a client's replaced),
// /metrics behind its token with the request figures labelled by route pattern, and a failing handler logged with
// its request id.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { currentLogContext } from "@/lib/log/log-context";
import { metrics } from "@/lib/metrics/metrics";
import { createRouteLabeler } from "@/lib/metrics/route-label";
import { createWebServer, type WebServerOptions } from "./web-server";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(options: Partial<WebServerOptions> = {}) {
  const server = createWebServer({
    trustedProxyHops: 0,
    handle: async (request, response) => {
      if (request.url === "/fail") throw new Error("handler broke");
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({ header: request.headers["x-request-id"], logged: currentLogContext()?.requestId }),
      );
    },
    routeLabel: createRouteLabeler(["/", "/claims", "/claims/[id]", "/claims/new", "/api/health"]),
    ...options,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("request ids", () => {
  it("gives every request a fresh id, echoed in the response and seen by the app and its log lines", async () => {
    const base = await serve();
    const first = await fetch(`${base}/claims`, { headers: { "X-Request-Id": "client-chosen" } });
    const body = await first.json();
    const id = first.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(id).not.toBe("client-chosen");
    expect(body).toEqual({ header: id, logged: id });
    const second = await fetch(`${base}/claims`);
    expect(second.headers.get("x-request-id")).not.toBe(id);
  });

  it("honours a trusted proxy's id when it is safe, and replaces one that is not", async () => {
    const base = await serve({ trustedProxyHops: 1 });
    const honoured = await fetch(`${base}/`, { headers: { "X-Request-Id": "nginx-4f1c9a" } });
    expect(honoured.headers.get("x-request-id")).toBe("nginx-4f1c9a");
    expect((await honoured.json()).logged).toBe("nginx-4f1c9a");
    for (const hostile of ["a b", "x".repeat(200), "<script>", "id\u00e9"]) {
      const replaced = await fetch(`${base}/`, {
        headers: { "X-Request-Id": encodeURI(hostile) === hostile ? hostile : "%" },
      });
      expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-/);
    }
  });

  it("answers 500 for a failing handler and keeps serving", async () => {
    const base = await serve();
    const failed = await fetch(`${base}/fail`);
    expect(failed.status).toBe(500);
    expect(failed.headers.get("x-request-id")).toBeTruthy();
    expect((await fetch(`${base}/claims`)).status).toBe(200);
  });
});

describe("/metrics", () => {
  it("does not exist without a token configured (the app never sees the path either)", async () => {
    const base = await serve();
    const response = await fetch(`${base}/metrics`, { headers: { authorization: "Bearer anything" } });
    expect(response.status).toBe(404);
  });

  it("asks for the Bearer token, and then shows request figures by route pattern, never raw paths", async () => {
    const registry = new Registry();
    const base = await serve({ metricsToken: "s3cret-metrics-token", registry });
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Bearer wrong" },
      { authorization: "s3cret-metrics-token" },
      { authorization: "Basic czNjcmV0LW1ldHJpY3MtdG9rZW4=" },
      { authorization: "Bearer s3cret-metrics-token-and-more" },
    ]) {
      const refused = await fetch(`${base}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect(await refused.text()).not.toContain("certdesk_");
    }
    expect(
      (
        await fetch(`${base}/metrics`, {
          method: "POST",
          headers: { authorization: "Bearer s3cret-metrics-token" },
        })
      ).status,
    ).toBe(405);

    // The process's own registry (the default): its figures before and after some requests.
    const shared = await serve({ metricsToken: "s3cret-metrics-token" });
    const scrape = async () => {
      const response = await fetch(`${shared}/metrics`, {
        headers: { authorization: "Bearer s3cret-metrics-token" },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/plain");
      return response.text();
    };
    const count = (text: string, route: string, status: number) => {
      const line = text
        .split("\n")
        .find((l) =>
          l.startsWith(
            `certdesk_http_request_duration_seconds_count{method="GET",route="${route}",status="${status}"}`,
          ),
        );
      return line ? Number(line.split(" ").pop()) : 0;
    };
    const before = await scrape();
    await fetch(`${shared}/claims/3f6c1a52-9c0e-4f43-b8a1-0d5b8b0d6a11?page=2`);
    await fetch(`${shared}/claims/another-id`);
    await fetch(`${shared}/claims/new`);
    await fetch(`${shared}/wp-admin/../../etc/passwd`);
    await fetch(`${shared}/fail`);
    const text = await scrape();
    expect(count(text, "/claims/[id]", 200) - count(before, "/claims/[id]", 200)).toBe(2);
    expect(count(text, "/claims/new", 200) - count(before, "/claims/new", 200)).toBe(1);
    expect(count(text, "other", 200) - count(before, "other", 200)).toBe(1);
    expect(count(text, "other", 500) - count(before, "other", 500)).toBe(1);
    expect(text).not.toContain("3f6c1a52");
    expect(text).not.toContain("another-id");
    expect(text).not.toContain("passwd");
    // The named metrics other parts count into are there, and the process's own figures.
    for (const name of [
      "certdesk_claims_total",
      "certdesk_outbound_request_duration_seconds",
      "certdesk_outbound_errors_total",
      "certdesk_webhook_deliveries_total",
      "process_cpu_user_seconds_total",
    ])
      expect(text).toContain(`# TYPE ${name}`);
    expect(metrics().registry).toBeInstanceOf(Registry);
  });
});
