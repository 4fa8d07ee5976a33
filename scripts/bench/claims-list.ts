// Benchmark: server time of the claims list at 1,000,000 claims in one tenant (plus 200,000 in another), for the
// first page, deep keyset pages and every filter; then the review queue and the nav's count of claims to review, with
// every claim undecided and again once 95% are decided, against the plain list's first page in the same run (and the
// queries' plans, to show the queue reads its own index). Prints p50/p95/max per query. Not a timed test.
// The tenant switched to TrustedForm 4.0 a while ago: the newest 40% of its claims are 4.0 (bot detected on 1 in 499,
// 1:1 consent false on 1 in 17, language not approved on 1 in 23, a verdict from those), the older 60% are 3.0.
//   npm run bench:claims-list            (embedded PostgreSQL in a temp folder; or DATABASE_URL's server, new database)
import { countUnreviewedClaims } from "@/lib/claims/count-unreviewed-claims";
import { decodeCursor, encodeCursor, listClaims } from "@/lib/claims/list-claims";
import { decodeQueueCursor, listReviewQueue, type QueueCursor } from "@/lib/claims/list-review-queue";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { printQueryTimes, timed, withBenchDatabase } from "./list-bench";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

await withBenchDatabase(async (client, { tenantId, otherTenantId }) => {
  const seed = (tenant: string, rows: number) =>
    timed(() =>
      client.query(
        `insert into "Claim"(id, "tenantId", "certId", "certUrl", vendor, reference, status, outcome, "requiredFound", "requiredTotal", "forbiddenFound",
           "fingerprintMatch", warnings, "hasWarnings", "claimedAt", "createdAt", "updatedAt",
           "apiVersion", "botDetected", "oneToOne", "languageApproved", "secondsOnPage", verdict)
         select gen_random_uuid(), $1::uuid, md5(i::text || $1::text), 'https://cert.trustedform.com/' || md5(i::text || $1::text), 'Vendor ' || (i % 25), 'REF-' || i,
           (case when i % 50 = 0 then 'failed' else 'claimed' end)::"ClaimStatus",
           (case when i % 50 = 0 then null when i % 7 = 0 then 'failure' else 'success' end)::"ClaimOutcome",
           2 - (case when i % 7 = 0 then 1 else 0 end), 2, (case when i % 13 = 0 then 1 else 0 end),
           (case when i % 11 = 0 then false else true end),
           (case when i % 7 = 0 then array['string not found in snapshot'] else array[]::text[] end), i % 7 = 0,
           now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval, now(),
           (case when v4 then '4.0' else '3.0' end)::"TrustedFormApiVersion",
           case when v4 then i % 499 = 0 end, case when v4 then i % 17 <> 0 end, case when v4 then i % 23 <> 0 end,
           case when v4 then 5 + i % 120 end,
           (case when v4 then (case when i % 499 = 0 or i % 17 = 0 or i % 23 = 0 then 'fail' else 'pass' end) end)::"ClaimVerdict"
         from generate_series(1, $2) as i, lateral (select i <= $2 * 0.4 as v4) as version`,
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
    ["lead match failed", list({ match: "failed" })],
    ["forbidden found", list({ forbidden: "yes" })],
    ["date range (one day, a week ago)", list({ from: weekAgo, to: weekAgo })],
    ["vendor + failure + match failed", list({ vendor: "Vendor 7", outcome: "failure", match: "failed" })],
    ["4.0: bot detected", list({ bot: "yes" })],
    ["4.0: bot detected (keyset, deep)", list({ bot: "yes" }, deepCursor)],
    ["4.0: 1:1 consent false", list({ oneToOne: "no" })],
    ["4.0: language not approved", list({ language: "unapproved" })],
    ["4.0: verdict fail", list({ verdict: "fail" })],
    ["4.0: verdict fail (keyset, deep)", list({ verdict: "fail" }, deepCursor)],
    ["version 4.0", list({ version: "4.0" })],
    ["version 3.0", list({ version: "3.0" })],
    ["version 4.0 (keyset, deep: none left)", list({ version: "4.0" }, deepCursor)],
    ["vendor + bot detected", list({ vendor: "Vendor 7", bot: "yes" })],
    ["bot + 1:1 false + language (none)", list({ bot: "yes", oneToOne: "no", language: "unapproved" })],
  ]);

  // The review queue (list-review-queue.ts) and the nav's count (count-unreviewed-claims.ts), beside the plain list.
  // The queue is paged by keyset: page 20 starts from the cursor page 19 ended with (walked to once, untimed).
  const queue = (after: QueueCursor | null) => () => listReviewQueue(scope, after);
  const cursorOfPage = async (page: number) => {
    let after: QueueCursor | null = null;
    for (let i = 1; i < page; i++)
      after = decodeQueueCursor((await listReviewQueue(scope, after)).next ?? undefined);
    return after;
  };
  const count = async () => ({ rows: [await countUnreviewedClaims(scope)] });
  const queueCases = async (label: string): Promise<Array<[string, () => Promise<{ rows: unknown[] }>]>> => [
    [`plain list, first page (${label})`, list({})],
    [`queue page 1 (${label})`, queue(null)],
    [`queue page 20 (${label})`, queue(await cursorOfPage(20))],
    [`to-review count (${label})`, count],
    [`filter review=unreviewed (${label})`, list({ review: "unreviewed" })],
  ];
  const plans = async (label: string) => {
    for (const [name, sql] of [
      [
        "to-review count",
        `select count(*) from (select id from "Claim" where "tenantId" = $1 and status = 'claimed' and decision is null order by "createdAt" desc, id desc limit 10001) as sub`,
      ],
      [
        "queue, failing first",
        `select id from "Claim" where "tenantId" = $1 and status = 'claimed' and decision is null and verdict = 'fail' order by "createdAt" desc, id desc limit 51`,
      ],
      [
        "queue, the rest",
        `select id from "Claim" where "tenantId" = $1 and status = 'claimed' and decision is null and (verdict is null or verdict = 'pass') order by "createdAt" desc, id desc limit 51`,
      ],
    ] as const) {
      // As Prisma sends it: an enum is a cast of a text parameter (a literal would prove partial indexes it cannot).
      const sent = sql
        .replace("status = 'claimed'", `status = cast($2::text as "ClaimStatus")`)
        .replace("verdict = 'fail'", `verdict = cast($3::text as "ClaimVerdict")`)
        .replace("verdict = 'pass'", `verdict = cast($3::text as "ClaimVerdict")`);
      const values = [tenantId, "claimed", sql.includes("verdict = 'fail'") ? "fail" : "pass"];
      const plan = await client.query(`explain ${sent}`, values.slice(0, sent.includes("$3") ? 3 : 2));
      const lines = plan.rows.map((row: Record<string, string>) => row["QUERY PLAN"]!);
      const scans = lines
        .filter((line) => /Scan/.test(line))
        .map((line) => line.trim().replace(/\s+\(cost.*$/, ""));
      console.log(`plan of ${name} (${label}): ${scans.join("; ")}`);
    }
  };
  console.log("\nReview queue: every claim undecided");
  await plans("all undecided");
  await printQueryTimes(await queueCases("all undecided"));
  const decided = await timed(() =>
    client.query(
      `update "Claim" set decision = 'accepted', "decidedAt" = now(), "decidedByEmail" = 'bench@example.test'
       where "tenantId" = $1 and status = 'claimed' and substring(reference from 5)::int % 20 <> 0`,
      [tenantId],
    ),
  );
  await client.query('vacuum analyze "Claim"');
  console.log(`\nReview queue: 95% of the claims decided (${decided} ms), 5% to review`);
  await plans("5% to review");
  await printQueryTimes(await queueCases("5% to review"));
});
