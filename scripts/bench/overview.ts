// Benchmark: server time of the overview's aggregates (lib/overview) at BENCH_ROWS claims in one tenant (default
// 1,000,000, spread over BENCH_DAYS = 90 days, plus a tenth as many in another tenant), next to the claims list's
// first page in the same run as the reference. Prints the seed time, then p50/p95/max per query. Not a timed test.
//   npm run bench:overview                      (1,000,000 claims)
//   BENCH_ROWS=10000000 npm run bench:overview  (10,000,000: seeding alone takes minutes)
// BENCH_CERTIFICATIONS (default BENCH_ROWS / 50), BENCH_DAYS, BENCH_RUNS.
// The seed goes in with the counting trigger off and the daily counts built afterwards in one pass (as the migration
// does); the trigger's cost to writers is measured on its own (10,000-row insert, 1,000 single-row settles).
// Embedded PostgreSQL in a temp folder, or a new database on DATABASE_URL's server.
import type pg from "pg";
import { listClaims } from "@/lib/claims/list-claims";
import { getCertificationsPerWeek } from "@/lib/overview/get-certifications-per-week";
import { getClaimsPerDay } from "@/lib/overview/get-claims-per-day";
import { getCreditsPerWeek } from "@/lib/overview/get-credits-per-week";
import { getFailureReasons } from "@/lib/overview/get-failure-reasons";
import { getOverview } from "@/lib/overview/get-overview";
import { getPendingWork } from "@/lib/overview/get-pending-work";
import { getRuleFailures } from "@/lib/overview/get-rule-failures";
import { getV4Rates } from "@/lib/overview/get-v4-rates";
import { getVendorOutcomes } from "@/lib/overview/get-vendor-outcomes";
import { parseOverviewFilters } from "@/lib/overview/overview-filters";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { printQueryTimes, timed, withBenchDatabase } from "./list-bench";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const CERTIFICATIONS = Number(process.env.BENCH_CERTIFICATIONS ?? Math.max(1000, Math.round(ROWS / 50)));

// Claims: 2% not claimed (three error messages), 0.1% answer lost, 1 in 7 claimed ones a failure; half on 4.0 with
// its facts and a verdict (fail when 1:1 is false or a bot was detected, with the rule results as saved).
const SEED_CLAIMS = `
  insert into "Claim"(id, "tenantId", "certId", "certUrl", vendor, reference, status, outcome, "requiredFound",
    "requiredTotal", "forbiddenFound", "fingerprintMatch", warnings, "hasWarnings", "errorKind", "errorMessage",
    "apiVersion", "oneToOne", "botDetected", "languageApproved", verdict, "verdictRules", response,
    "claimedAt", "createdAt", "updatedAt")
  select gen_random_uuid(), $1::uuid, md5(i::text || $1::text), 'https://cert.trustedform.com/' || md5(i::text || $1::text),
    'Vendor ' || (i % 25), 'REF-' || i, s.status::"ClaimStatus", o.outcome::"ClaimOutcome",
    2 - (case when i % 7 = 0 then 1 else 0 end), 2, (case when i % 13 = 0 then 1 else 0 end),
    (case when i % 11 = 0 then false else true end),
    (case when i % 7 = 0 then array['string not found in snapshot'] else array[]::text[] end), i % 7 = 0,
    case when s.status = 'failed' then 'http_' || (i % 3) end,
    case when s.status = 'failed' then (array['TrustedForm could not be reached, so nothing was claimed.',
      'The certificate has expired.', 'The API key was refused.'])[i % 3 + 1] end,
    v.api::"TrustedFormApiVersion",
    case when f.v4 then i % 9 <> 0 end, case when f.v4 then i % 31 = 0 end, case when f.v4 then i % 17 <> 0 end,
    case when f.v4 then (case when i % 9 = 0 or i % 31 = 0 then 'fail' else 'pass' end)::"ClaimVerdict" end,
    case when f.v4 then jsonb_build_array(
      jsonb_build_object('rule', jsonb_build_object('kind', 'one_to_one_consent'), 'passed', i % 9 <> 0, 'known', true,
        'words', '1:1 consent: ' || (case when i % 9 <> 0 then 'yes — passed' else 'no — failed' end)),
      jsonb_build_object('rule', jsonb_build_object('kind', 'no_bot_detected'), 'passed', i % 31 <> 0, 'known', true,
        'words', 'Bot detected: ' || (case when i % 31 <> 0 then 'no — passed' else 'yes — failed' end))) end,
    case when f.v4 and o.outcome = 'failure' then jsonb_build_object('outcome', 'failure', 'reason', 'Consent language not found.') end,
    now() - (i * $3::float8 || ' seconds')::interval, now() - (i * $3::float8 || ' seconds')::interval, now()
  from generate_series(1, $2) as i,
    lateral (select case when i % 50 = 0 then 'failed' when i % 997 = 0 then 'unknown' else 'claimed' end as status) s,
    lateral (select case when s.status <> 'claimed' then null when i % 7 = 0 then 'failure' else 'success' end as outcome) o,
    lateral (select case when i % 2 = 0 then '4.0' else '3.0' end as api) v,
    lateral (select v.api = '4.0' and s.status = 'claimed' as v4) f`;

const SEED_CERTIFICATIONS = `
  insert into "Certification"(id, "tenantId", title, mode, status, "creditsAmount", "fileCount", "archivedAt",
    "createdAt", "updatedAt")
  select gen_random_uuid(), $1::uuid, 'Certification ' || i, 'hash',
    (array['completed','completed','completed','pending','error','uploading'])[i % 6 + 1]::"CertificationStatus",
    case when i % 6 in (0, 1, 2, 3) then 1 + i % 3 end, 1,
    case when i % 6 in (0, 1) then now() end,
    now() - (i * $3::float8 || ' seconds')::interval, now()
  from generate_series(1, $2) as i`;

// The migration's backfill of the daily counts (prisma/migrations/*_overview_rollup).
const BACKFILL_COUNTS = `
  insert into "ClaimDailyCount" ("tenantId", metric, day, vendor, label, count)
  select c."tenantId", f.metric, c."createdAt"::date, left(coalesce(c.vendor, ''), 300), f.label, count(*)::int
  from "Claim" c, certdesk_claim_overview_facts(c.outcome, c.status, c."errorMessage", c."apiVersion", c.response,
    c."forbiddenFound", c."requiredFound", c."requiredTotal", c.verdict, c."verdictRules", c."oneToOne",
    c."botDetected", c."languageApproved") f
  group by 1, 2, 3, 4, 5`;

/**
 * What keeping the counts costs writers, with the trigger on and off in the same run: one insert of 10,000 claims
 * (a bulk batch), and 1,000 single-row status changes (each settled claim), each in its own transaction.
 */
async function measureWriteCost(client: pg.Client, tenantId: string) {
  const writes = async () => {
    const insert = await timed(() =>
      client.query(
        `insert into "Claim"(id, "tenantId", "certId", "certUrl", vendor, reference, status, "createdAt", "updatedAt")
         select gen_random_uuid(), $1::uuid, md5(random()::text), 'https://cert.trustedform.com/x', 'Vendor ' || (i % 25),
           'WRITE-COST', 'queued', now(), now()
         from generate_series(1, 10000) as i`,
        [tenantId],
      ),
    );
    const { rows } = await client.query(`select id from "Claim" where reference = 'WRITE-COST' limit 1000`);
    const updates = await timed(async () => {
      for (const row of rows)
        await client.query(`update "Claim" set status = 'claimed', outcome = 'success' where id = $1`, [
          row.id,
        ]);
    });
    // Removed in the same trigger state as they were written, so the counts stay those of the seed.
    await client.query(`delete from "Claim" where reference = 'WRITE-COST'`);
    return { insert, updates };
  };
  const toggle = async (on: boolean) => {
    for (const trigger of TRIGGERS)
      await client.query(`alter table "Claim" ${on ? "enable" : "disable"} trigger ${trigger}`);
  };
  await toggle(false);
  const off = await writes();
  await toggle(true);
  const on = await writes();
  console.log(
    `writes with the counting trigger: insert of 10,000 claims ${on.insert} ms (${off.insert} ms without, ` +
      `${(on.insert / off.insert).toFixed(2)}x); 1,000 single-row settles ${on.updates} ms ` +
      `(${off.updates} ms without, ${(on.updates / off.updates).toFixed(2)}x)`,
  );
}

const TRIGGERS = ['"Claim_daily_count_insert"', '"Claim_daily_count_update"', '"Claim_daily_count_delete"'];

await withBenchDatabase(async (client, { tenantId, otherTenantId }) => {
  const spacing = (DAYS * 86_400) / ROWS;
  // The bulk seed goes in with the counting trigger off and the counts built afterwards in one pass (what the
  // migration does for existing claims): the trigger's per-row cost is measured separately below.
  const triggers = (on: boolean) =>
    client.query(`alter table "Claim" ${on ? "enable" : "disable"} trigger "Claim_daily_count_insert"`);
  await triggers(false);
  const claims = await timed(() => client.query(SEED_CLAIMS, [tenantId, ROWS, spacing]));
  const otherClaims = await timed(() =>
    client.query(SEED_CLAIMS, [otherTenantId, Math.round(ROWS / 10), spacing * 10]),
  );
  await triggers(true);
  const backfill = await timed(() => client.query(BACKFILL_COUNTS));
  const certifications = await timed(() =>
    client.query(SEED_CERTIFICATIONS, [tenantId, CERTIFICATIONS, (DAYS * 86_400) / CERTIFICATIONS]),
  );
  // What autovacuum does after a bulk load: statistics and the visibility map (index-only scans rely on it).
  const vacuum = await timed(() => client.query("vacuum analyze"));
  console.log(
    `seeded ${ROWS.toLocaleString("en")} claims over ${DAYS} days in ${claims} ms ` +
      `(${Math.round(ROWS / (claims / 1000)).toLocaleString("en")} rows/s), ` +
      `${Math.round(ROWS / 10).toLocaleString("en")} for another tenant in ${otherClaims} ms, ` +
      `their daily counts in ${backfill} ms, ` +
      `${CERTIFICATIONS.toLocaleString("en")} certifications in ${certifications} ms; vacuum analyze ${vacuum} ms`,
  );
  const counts = await client.query(`select count(*)::int as n from "ClaimDailyCount"`);
  console.log(`ClaimDailyCount: ${counts.rows[0].n.toLocaleString("en")} rows`);
  await measureWriteCost(client, tenantId);
  const size = await client.query(
    `select pg_size_pretty(pg_total_relation_size('"Claim"')) as total, pg_size_pretty(pg_relation_size('"Claim"')) as heap`,
  );
  console.log(`Claim table: ${size.rows[0].heap} heap, ${size.rows[0].total} with indexes`);

  const ctx = openTenantContext(tenantId, { kind: "system", name: "bench" });
  const days = (n: number) => parseOverviewFilters({ from: isoDaysAgo(n - 1), to: isoDaysAgo(0) }).filters;
  const d30 = days(30);
  const all = days(DAYS + 1);
  const vendor = { ...d30, vendor: "Vendor 7" };
  const rows = (value: unknown) => ({ rows: Array.isArray(value) ? value : [value] });
  const run =
    <F>(verb: (c: typeof ctx, f: F) => Promise<unknown>, filters: F) =>
    async () =>
      rows(await verb(ctx, filters));
  const share = (rangeDays: number) =>
    Math.round((Math.min(rangeDays, DAYS) / DAYS) * ROWS).toLocaleString("en");
  console.log(`30 days ≈ ${share(30)} claims of the tenant; ${DAYS + 1} days = all of them`);
  await printQueryTimes([
    ["reference: claims list, first page", () => listClaims(ctx, {}, null)],
    ["reference: claims list, 30 days", () => listClaims(ctx, { from: d30.from }, null)],
    ["claims per day (30 d)", run(getClaimsPerDay, d30)],
    ["outcome share by vendor (30 d)", run(getVendorOutcomes, d30)],
    ["failure reasons (30 d)", run(getFailureReasons, d30)],
    ["policy rule failures (30 d)", run(getRuleFailures, d30)],
    ["4.0 rates (30 d)", run(getV4Rates, d30)],
    ["credits per week (30 d)", run(getCreditsPerWeek, d30)],
    ["certifications per week (30 d)", run(getCertificationsPerWeek, d30)],
    ["pending work (now)", async () => rows(await getPendingWork(ctx))],
    ["whole overview (30 d)", run(getOverview, d30)],
    ["whole overview (30 d, one vendor)", run(getOverview, vendor)],
    [`whole overview (${DAYS + 1} d: every claim)`, run(getOverview, all)],
    [`claims per day (${DAYS + 1} d: every claim)`, run(getClaimsPerDay, all)],
  ]);
});

function isoDaysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}
