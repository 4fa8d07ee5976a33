// The operator's endpoints on the real production server (npm start: Certdesk's own server in front of the built
// Next.js app, the worker beside it): health, readiness, request ids and /metrics with figures from the routes
// (Next.js's bundle), Certdesk's server and the database.
import { E2E } from "./support/e2e-env";
import { expect, test } from "./support/fixtures";

test("health, readiness, request ids and token-protected metrics", async ({ page, request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });

  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready" });
  expect(ready.headers()["cache-control"]).toContain("no-store");

  // Every response carries its request id; one sent by a client (no trusted proxy here) is replaced.
  const login = await request.get("/login", { headers: { "X-Request-Id": "client-chosen-id" } });
  const id = login.headers()["x-request-id"];
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  await page.goto("/login");

  expect((await request.get("/metrics")).status()).toBe(401);
  expect((await request.get("/metrics", { headers: { authorization: "Bearer wrong" } })).status()).toBe(401);
  const scraped = await request.get("/metrics", { headers: { authorization: `Bearer ${E2E.metricsToken}` } });
  expect(scraped.status()).toBe(200);
  const text = await scraped.text();
  expect(text).toMatch(
    /certdesk_http_request_duration_seconds_count\{[^}]*route="\/login"[^}]*status="200"[^}]*\} [1-9]/,
  );
  expect(text).toMatch(
    /certdesk_http_request_duration_seconds_count\{[^}]*route="\/api\/ready"[^}]*\} [1-9]/,
  );
  expect(text).toMatch(/certdesk_http_request_duration_seconds_count\{[^}]*route="\/_next\/static"/);
  // Counted in the database on scrape.
  expect(text).toMatch(/certdesk_certifications\{[^}]*status="completed"[^}]*\} \d+/);
  expect(text).toMatch(/certdesk_job_queue_waiting\{[^}]*queue="claim-batches"[^}]*\} \d+/);
  expect(text).toMatch(
    /certdesk_job_queue_oldest_waiting_seconds\{[^}]*queue="certification-follow"[^}]*\} [\d.]+/,
  );
  expect(text).toMatch(/process_resident_memory_bytes\{process="web"\} \d+/);
});
