// Benchmark: server time of the certifications list at 100,000 certifications in one tenant (plus 20,000 in
// another), two files each: first page, a deep keyset page, status filters and text searches. Prints p50/p95/max per
// query. Not a timed test.
//   npm run bench:certifications-list   (embedded PostgreSQL in a temp folder; or DATABASE_URL's server, new database)
import { decodeCursor, encodeCursor, listCertifications } from "@/lib/certifications/list-certifications";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { printQueryTimes, timed, withBenchDatabase } from "./list-bench";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

await withBenchDatabase(async (client, { tenantId, otherTenantId }) => {
  const seed = (tenant: string, rows: number) =>
    timed(async () => {
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
    });
  console.log(
    `seeded ${ROWS} certifications (2 files each) in ${await seed(tenantId, ROWS)} ms, and 20000 for another tenant in ${await seed(otherTenantId, 20_000)} ms`,
  );
  await client.query("analyze");

  const scope = openTenantContext(tenantId, { kind: "system", name: "bench" });
  const deep = await client.query(
    `select "createdAt", id from "Certification" where "tenantId" = $1 order by "createdAt" desc, id desc offset ${Math.floor(ROWS / 2)} limit 1`,
    [tenantId],
  );
  const deepCursor = decodeCursor(encodeCursor({ createdAt: deep.rows[0].createdAt, id: deep.rows[0].id }));
  const someHash = (
    await client.query(
      `select sha256 from "CertificationFile" where "tenantId" = $1 offset ${Math.floor(ROWS * 0.7)} limit 1`,
      [tenantId],
    )
  ).rows[0].sha256 as string;
  const list =
    (filters: Parameters<typeof listCertifications>[1], cursor: typeof deepCursor = null) =>
    () =>
      listCertifications(scope, filters, cursor);
  await printQueryTimes([
    ["first page", list({})],
    [`page at row ${(ROWS / 2).toLocaleString("en")} (keyset)`, list({}, deepCursor)],
    ["status = completed", list({ status: "completed" })],
    ["status = error", list({ status: "error" })],
    ["status = pending (rare)", list({ status: "pending" })],
    ["text: 'batch 4242'", list({ q: "batch 4242" })],
    ["text: 'contract' (1 in 1,000)", list({ q: "contract" })],
    ["text: a file's SHA-256", list({ q: someHash })],
  ]);
});
