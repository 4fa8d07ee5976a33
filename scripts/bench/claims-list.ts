// Benchmark: server time of the claims list at 1,000,000 claims in one tenant (plus 200,000 in another), for the
// first page, deep keyset pages and every filter. Prints p50/p95/max per query. Not a timed test.
//   npm run bench:claims-list            (embedded PostgreSQL in a temp folder; or DATABASE_URL's server, new database)
import { performance } from "node:perf_hooks";
import pg from "pg";
import { disconnectPrisma } from "@/lib/db/client";
import { decodeCursor, listClaims, type ClaimFilters } from "@/lib/claims/list-claims";
import { createTestDatabase } from "../test/test-database";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);

const database = await createTestDatabase("bench");
process.env.DATABASE_URL = database.url;
const client = new pg.Client({ connectionString: database.url });
await client.connect();
try {
  const [tenantId, otherTenantId] = [
    "6d7f3a4e-1b2c-4d5e-8f90-aabbccddeeff",
    "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  ];
  await client.query(`insert into "Tenant"(id, name) values ($1, 'Bench'), ($2, 'Other')`, [
    tenantId,
    otherTenantId,
  ]);
  const seed = async (tenant: string, rows: number) => {
    const started = performance.now();
    await client.query(
      `insert into "Claim"(id, "tenantId", "certId", "certUrl", vendor, reference, status, outcome, "requiredFound", "requiredTotal", "forbiddenFound",
         "fingerprintMatch", warnings, "hasWarnings", "claimedAt", "createdAt", "updatedAt")
       select gen_random_uuid(), $1::uuid, md5(i::text || $1::text), 'https://cert.trustedform.com/' || md5(i::text || $1::text), 'Vendor ' || (i % 25), 'REF-' || i,
         (case when i % 50 = 0 then 'failed' else 'claimed' end)::"ClaimStatus",
         (case when i % 50 = 0 then null when i % 7 = 0 then 'failure' else 'success' end)::"ClaimOutcome",
         2 - (case when i % 7 = 0 then 1 else 0 end), 2, (case when i % 13 = 0 then 1 else 0 end),
         (case when i % 11 = 0 then false else true end),
         (case when i % 7 = 0 then array['string not found in snapshot'] else array[]::text[] end), i % 7 = 0,
         now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval, now()
       from generate_series(1, $2) as i`,
      [tenant, rows],
    );
    return Math.round(performance.now() - started);
  };
  console.log(
    `seeded ${ROWS} claims in ${await seed(tenantId, ROWS)} ms, and 200000 for another tenant in ${await seed(otherTenantId, 200_000)} ms`,
  );
  await client.query("analyze");

  const scope = { tenantId, actorId: null };
  const deep = await client.query(
    `select "createdAt", id from "Claim" where "tenantId" = $1 order by "createdAt" desc, id desc offset 500000 limit 1`,
    [tenantId],
  );
  const deepCursor = {
    createdAt: (deep.rows[0].createdAt as Date).toISOString(),
    id: deep.rows[0].id as string,
  };
  const cases: Array<[string, ClaimFilters, typeof deepCursor | null]> = [
    ["first page", {}, null],
    ["page at row 500,000 (keyset)", {}, deepCursor],
    ["outcome = failure", { outcome: "failure" }, null],
    ["outcome = not claimed", { outcome: "error" }, null],
    ["vendor", { vendor: "Vendor 7" }, null],
    ["has warnings", { warnings: "yes" }, null],
    ["fingerprint mismatch", { mismatch: "yes" }, null],
    ["forbidden found", { forbidden: "yes" }, null],
    [
      "date range (one day, a week ago)",
      {
        from: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
        to: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
      },
      null,
    ],
    ["vendor + failure + mismatch", { vendor: "Vendor 7", outcome: "failure", mismatch: "yes" }, null],
  ];
  await listClaims(scope, {}, null); // warm the pool and the plan cache
  console.log(
    `\n${"query".padEnd(40)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)} rows`,
  );
  for (const [name, filters, cursor] of cases) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const page = await listClaims(
        scope,
        filters,
        cursor ? decodeCursor(Buffer.from(`${cursor.createdAt}|${cursor.id}`).toString("base64url")) : null,
      );
      times.push(performance.now() - started);
      rows = page.rows.length;
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.log(
      `${name.padEnd(40)} ${at(0.5).padStart(8)} ${at(0.95).padStart(8)} ${times[times.length - 1]!.toFixed(1).padStart(8)} ${rows}`,
    );
  }
} finally {
  await client.end();
  await disconnectPrisma();
  await database.close();
}
