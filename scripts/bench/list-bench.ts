// Shared by the list benchmarks: a new database holding two tenants, and the timing of a set of list queries
// (p50 / p95 / max over RUNS runs each, after one warm-up query).
import { performance } from "node:perf_hooks";
import pg from "pg";
import { disconnectPrisma } from "@/lib/db/client";
import { createTestDatabase } from "../test/test-database";

export const RUNS = Number(process.env.BENCH_RUNS ?? 60);

export interface BenchTenants {
  tenantId: string;
  otherTenantId: string;
}

/** Runs `body` against a new database (embedded PostgreSQL, or a new database on DATABASE_URL's server). */
export async function withBenchDatabase(body: (client: pg.Client, tenants: BenchTenants) => Promise<void>) {
  const database = await createTestDatabase("bench");
  process.env.DATABASE_URL = database.url;
  // As the owner: the seed ends with ANALYZE, which only a table's owner may run (the queries run as the app role).
  const client = new pg.Client({ connectionString: database.ownerUrl });
  await client.connect();
  try {
    const tenants = {
      tenantId: "6d7f3a4e-1b2c-4d5e-8f90-aabbccddeeff",
      otherTenantId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    };
    await client.query(`insert into "Tenant"(id, name) values ($1, 'Bench'), ($2, 'Other')`, [
      tenants.tenantId,
      tenants.otherTenantId,
    ]);
    await body(client, tenants);
  } finally {
    await client.end();
    await disconnectPrisma();
    await database.close();
  }
}

/** Milliseconds `seed` took. */
export async function timed(seed: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await seed();
  return Math.round(performance.now() - started);
}

/** Prints one line per case: p50, p95 and max server time, and how many rows the page had. */
export async function printQueryTimes(cases: Array<[string, () => Promise<{ rows: unknown[] }>]>) {
  await cases[0]?.[1](); // warm the pool and the plan cache
  console.log(
    `\n${"query".padEnd(40)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)} rows`,
  );
  for (const [name, query] of cases) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      rows = (await query()).rows.length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.log(
      `${name.padEnd(40)} ${at(0.5).padStart(8)} ${at(0.95).padStart(8)} ${times[times.length - 1]!.toFixed(1).padStart(8)} ${rows}`,
    );
  }
}
