// /api/ready's checks against the test run's real PostgreSQL and a real evidence folder, then with each part broken:
// the database down (a closed port), a migration not applied, storage not writable, the process shutting down.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { LocalEvidenceStore } from "@/lib/evidence/evidence-store";
import { createReadinessProbe, PROBE_KEY, readinessResponse, shippedMigrations } from "./check-readiness";
import { isDraining, markDraining } from "./draining";

const MIGRATIONS = path.resolve("prisma", "migrations");
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
});

function pool(connectionString: string) {
  const created = new pg.Pool({ connectionString, max: 1, connectionTimeoutMillis: 2000 });
  created.on("error", () => undefined);
  pools.push(created);
  return created;
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "ready-"));

function probe(options: { url?: string; migrationsDir?: string; storeRoot?: string } = {}) {
  const database = pool(options.url ?? inject("databaseUrl"));
  const root = options.storeRoot ?? tmp();
  return {
    root,
    check: createReadinessProbe({
      query: (sql) => database.query(sql),
      migrationsDir: options.migrationsDir ?? MIGRATIONS,
      store: () => new LocalEvidenceStore(root),
      timeoutMs: 5_000,
      cacheMs: 0,
    }),
  };
}

describe("readiness", () => {
  it("is ready with the database up, every shipped migration applied and storage writable", async () => {
    const { check, root } = probe();
    expect(await check()).toEqual({ ready: true, failed: [] });
    expect(fs.readFileSync(path.join(root, PROBE_KEY), "utf8")).toBe("certdesk readiness probe\n");
    // Twice in a row (the probe key is written again, not refused).
    expect(await check()).toEqual({ ready: true, failed: [] });
    const response = readinessResponse({ ready: true, failed: [] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
  });

  it("fails with 503 naming the database when PostgreSQL is down", async () => {
    const url = new URL(inject("databaseUrl"));
    url.port = String(await closedPort());
    const { check } = probe({ url: url.toString() });
    const readiness = await check();
    expect(readiness.ready).toBe(false);
    expect(readiness.failed).toContain("database");
    expect(readiness.failed).not.toContain("storage");
    const response = readinessResponse(readiness);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe("unavailable");
    expect(body.failed).toContain("database");
    // Only the names of the checks: no address, no error text.
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres/);
  });

  it("fails naming the migrations when this release ships one the database lacks", async () => {
    const dir = tmp();
    for (const name of shippedMigrations(MIGRATIONS)) fs.mkdirSync(path.join(dir, name));
    fs.mkdirSync(path.join(dir, "29991231000000_from_the_future"));
    expect(await probe({ migrationsDir: dir }).check()).toEqual({ ready: false, failed: ["migrations"] });
    // A database ahead of the release (a rolling upgrade) is fine.
    const older = tmp();
    for (const name of shippedMigrations(MIGRATIONS).slice(0, -1)) fs.mkdirSync(path.join(older, name));
    expect(await probe({ migrationsDir: older }).check()).toEqual({ ready: true, failed: [] });
  });

  it("fails naming storage when evidence storage cannot be written", async () => {
    const file = path.join(tmp(), "not-a-folder");
    fs.writeFileSync(file, "x");
    expect(await probe({ storeRoot: file }).check()).toEqual({ ready: false, failed: ["storage"] });
  });

  it("answers shutting_down at once once the process drains", async () => {
    const { check } = probe();
    expect(isDraining()).toBe(false);
    markDraining();
    expect(await check()).toEqual({ ready: false, failed: ["shutting_down"] });
  });
});
