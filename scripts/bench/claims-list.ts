// Benchmark: server time of the claims list at 1,000,000 claims in one tenant (plus 200,000 in another), for the
// first page, deep keyset pages and every filter. Prints p50/p95/max per query. Not a timed test.
//   npm run bench:claims-list            (embedded PostgreSQL in a temp folder; or DATABASE_URL's server, new database)
import { decodeCursor, encodeCursor, listClaims } from "@/lib/claims/list-claims";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { printQueryTimes, timed, withBenchDatabase } from "./list-bench";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

await withBenchDatabase(async (client, { tenantId, otherTenantId }) => {
  const seed = (tenant: string, rows: number) =>
    timed(() =>
      client.query(
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
      ),
    );
  console.log(
    `seeded ${ROWS} claims in ${await seed(tenantId, ROWS)} ms, and 200000 for another tenant in ${await seed(otherTenantId, 200_000)} ms`,
  );
  await client.query("analyze");

  const scope = openTenantContext(tenantId, { kind: "system", name: "bench" });
  const deep = await client.query(
    `select "createdAt", id from "Claim" where "tenantId" = $1 order by "createdAt" desc, id desc offset ${Math.floor(ROWS / 2)} limit 1`,
    [tenantId],
  );
  const deepCursor = decodeCursor(encodeCursor({ createdAt: deep.rows[0].createdAt, id: deep.rows[0].id }));
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const list =
    (filters: Parameters<typeof listClaims>[1], cursor: typeof deepCursor = null) =>
    () =>
      listClaims(scope, filters, cursor);
  await printQueryTimes([
    ["first page", list({})],
    [`page at row ${(ROWS / 2).toLocaleString("en")} (keyset)`, list({}, deepCursor)],
    ["outcome = failure", list({ outcome: "failure" })],
    ["outcome = not claimed", list({ outcome: "error" })],
    ["vendor", list({ vendor: "Vendor 7" })],
    ["has warnings", list({ warnings: "yes" })],
    ["fingerprint mismatch", list({ mismatch: "yes" })],
    ["forbidden found", list({ forbidden: "yes" })],
    ["date range (one day, a week ago)", list({ from: weekAgo, to: weekAgo })],
    ["vendor + failure + mismatch", list({ vendor: "Vendor 7", outcome: "failure", mismatch: "yes" })],
  ]);
});
