// Benchmark: server time of the certifications list at 100,000 certifications in one tenant (plus 20,000 in
// another), two files each: first page, a deep keyset page, status filters and text searches. Prints p50/p95/max per
// query. Not a timed test.
//   npm run bench:certifications-list   (embedded PostgreSQL in a temp folder; or DATABASE_URL's server, new database)
import { performance } from "node:perf_hooks";
import pg from "pg";
import { disconnectPrisma } from "@/lib/db/client";
import {
  decodeCursor,
  encodeCursor,
  listCertifications,
  type CertificationFilters,
} from "@/lib/certifications/list-certifications";
import { createTestDatabase } from "../test/test-database";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
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
      `insert into "Certification"(id, "tenantId", title, mode, status, "reportId", "creditsAmount", "fileCount",
         "createdByEmail", "createdAt", "updatedAt")
       select gen_random_uuid(), $1::uuid, 'Evidence batch ' || i || (case when i % 1000 = 0 then ' contract' else '' end),
         (case when i % 3 = 0 then 'file' else 'hash' end)::"CertificationMode",
         (case when i % 97 = 0 then 'error' when i % 501 = 0 then 'pending' else 'completed' end)::"CertificationStatus",
         md5(i::text || $1::text), 2, 2, 'certifier@example.com',
         now() - (i || ' seconds')::interval, now()
       from generate_series(1, $2) as i`,
      [tenant, rows],
    );
    await client.query(
      `insert into "CertificationFile"(id, "tenantId", "certificationId", position, "fileName", sha256, size)
       select gen_random_uuid(), c."tenantId", c.id, p, 'file-' || p || '.pdf', encode(sha256((c.id::text || p)::bytea), 'hex'), 1000
       from "Certification" c, generate_series(0, 1) as p where c."tenantId" = $1::uuid`,
      [tenant],
    );
    return Math.round(performance.now() - started);
  };
  console.log(
    `seeded ${ROWS} certifications (2 files each) in ${await seed(tenantId, ROWS)} ms, and 20000 for another tenant in ${await seed(otherTenantId, 20_000)} ms`,
  );
  await client.query("analyze");

  const scope = { tenantId, actorId: null };
  const deep = await client.query(
    `select "createdAt", id from "Certification" where "tenantId" = $1 order by "createdAt" desc, id desc offset ${Math.floor(ROWS / 2)} limit 1`,
    [tenantId],
  );
  const deepCursor = decodeCursor(encodeCursor({ createdAt: deep.rows[0].createdAt, id: deep.rows[0].id }));
  const someHash = (
    await client.query(`select sha256 from "CertificationFile" where "tenantId" = $1 offset 70000 limit 1`, [
      tenantId,
    ])
  ).rows[0].sha256 as string;
  const cases: Array<[string, CertificationFilters, typeof deepCursor]> = [
    ["first page", {}, null],
    [`page at row ${(ROWS / 2).toLocaleString("en")} (keyset)`, {}, deepCursor],
    ["status = completed", { status: "completed" }, null],
    ["status = error", { status: "error" }, null],
    ["status = pending (rare)", { status: "pending" }, null],
    ["text: 'batch 4242'", { q: "batch 4242" }, null],
    ["text: 'contract' (1 in 1,000)", { q: "contract" }, null],
    ["text: a file's SHA-256", { q: someHash }, null],
  ];
  await listCertifications(scope, {}, null);
  console.log(
    `\n${"query".padEnd(40)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)} rows`,
  );
  for (const [name, filters, cursor] of cases) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const page = await listCertifications(scope, filters, cursor);
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
