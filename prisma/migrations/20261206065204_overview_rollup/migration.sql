-- CreateTable
CREATE TABLE "ClaimDailyCount" (
    "tenantId" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "vendor" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ClaimDailyCount_pkey" PRIMARY KEY ("tenantId","metric","day","vendor","label")
);

-- What one claim counts for in the overview (lib/overview reads "ClaimDailyCount"; docs/overview.md). The labels
-- are cut to 200 characters and vendors to 300, so that a long error message or vendor never fails a claim's write.
-- It takes the claim's columns, not the row: PostgreSQL then inlines it into the statements below (ten times faster
-- than a call per row; inlined with a whole-row argument, the planner fails with "variable not found in subplan").
CREATE FUNCTION certdesk_claim_overview_facts(outcome "ClaimOutcome", status "ClaimStatus", "errorMessage" text,
  "apiVersion" "TrustedFormApiVersion", response jsonb, "forbiddenFound" int, "requiredFound" int, "requiredTotal" int,
  verdict "ClaimVerdict", "verdictRules" jsonb, "oneToOne" boolean, "botDetected" boolean, "languageApproved" boolean) RETURNS TABLE(metric text, label text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'outcome', CASE
    WHEN outcome = 'success' THEN 'success'
    WHEN outcome = 'failure' THEN 'failure'
    WHEN status = 'failed' THEN 'notClaimed'
    WHEN status IN ('queued', 'sending', 'unknown') THEN 'inFlight'
    ELSE 'noOutcome' END
  UNION ALL
  SELECT 'status', status::text WHERE status IN ('queued', 'sending', 'unknown')
  UNION ALL
  SELECT 'reason', left(CASE
    WHEN outcome IS NULL THEN coalesce(nullif(btrim("errorMessage"), ''), 'Not claimed (no reason recorded)')
    WHEN "apiVersion" = '4.0' AND nullif(nullif(btrim(response->>'reason'), ''), 'null') IS NOT NULL
      THEN btrim(response->>'reason')
    WHEN "forbiddenFound" > 0 THEN 'Forbidden consent terms found'
    WHEN "requiredFound" < "requiredTotal" THEN 'Required consent terms not found'
    ELSE coalesce(nullif(btrim("errorMessage"), ''), 'Outcome failure (no reason given)') END, 200)
  WHERE outcome = 'failure' OR (outcome IS NULL AND status = 'failed')
  UNION ALL
  SELECT 'verdict', verdict::text WHERE verdict IS NOT NULL
  UNION ALL
  SELECT 'rule', left(coalesce(r.value->'rule'->>'kind', 'unnamed'), 200)
  FROM jsonb_array_elements(CASE WHEN verdict = 'fail' AND jsonb_typeof("verdictRules") = 'array'
    THEN "verdictRules" ELSE '[]'::jsonb END) AS r(value)
  WHERE r.value->>'passed' = 'false'
  UNION ALL
  SELECT 'ruleUnknownFact', left(coalesce(r.value->'rule'->>'kind', 'unnamed'), 200)
  FROM jsonb_array_elements(CASE WHEN verdict = 'fail' AND jsonb_typeof("verdictRules") = 'array'
    THEN "verdictRules" ELSE '[]'::jsonb END) AS r(value)
  WHERE r.value->>'passed' = 'false' AND r.value->>'known' = 'false'
  UNION ALL
  SELECT 'v4', 'claims' WHERE "apiVersion" = '4.0'
  UNION ALL
  SELECT 'v4', 'oneToOneFalse' WHERE "apiVersion" = '4.0' AND "oneToOne" = false
  UNION ALL
  SELECT 'v4', 'oneToOneFalseOf' WHERE "apiVersion" = '4.0' AND "oneToOne" IS NOT NULL
  UNION ALL
  SELECT 'v4', 'botDetected' WHERE "apiVersion" = '4.0' AND "botDetected" = true
  UNION ALL
  SELECT 'v4', 'botDetectedOf' WHERE "apiVersion" = '4.0' AND "botDetected" IS NOT NULL
  UNION ALL
  SELECT 'v4', 'languageNotApproved' WHERE "apiVersion" = '4.0' AND "languageApproved" = false
  UNION ALL
  SELECT 'v4', 'languageNotApprovedOf' WHERE "apiVersion" = '4.0' AND "languageApproved" IS NOT NULL
$$;

-- Adds each statement's changes to the counts: +1 for every fact of the new rows, -1 for every fact of the old ones,
-- summed per key; keys whose sum is 0 (an update that changed no counted fact: a review decision, queued to sending)
-- are not written, so they take no lock. Writers of one tenant's counts take a per-tenant transaction lock first, so
-- two transactions never wait on each other's rows in opposite orders (claim writes of a tenant already serialise on
-- its audit chain's lock, which is taken after this one).
CREATE FUNCTION certdesk_claim_daily_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH delta AS (
      SELECT n."tenantId", f.metric, n."createdAt"::date AS day, left(coalesce(n.vendor, ''), 300) AS vendor, f.label,
        count(*)::int AS delta
      FROM new_rows n, certdesk_claim_overview_facts(n.outcome, n.status, n."errorMessage",
        n."apiVersion", n.response, n."forbiddenFound", n."requiredFound", n."requiredTotal",
        n.verdict, n."verdictRules", n."oneToOne", n."botDetected", n."languageApproved") f GROUP BY 1, 2, 3, 4, 5
    ), locked AS (
      SELECT pg_advisory_xact_lock(hashtextextended('certdesk-overview:' || t."tenantId"::text, 0))
      FROM (SELECT DISTINCT "tenantId" FROM delta ORDER BY 1) AS t
    )
    INSERT INTO "ClaimDailyCount" ("tenantId", metric, day, vendor, label, count)
      SELECT "tenantId", metric, day, vendor, label, delta FROM delta
      WHERE (SELECT count(*) FROM locked) >= 0
      ORDER BY "tenantId", metric, day, vendor, label
    ON CONFLICT ("tenantId", metric, day, vendor, label) DO UPDATE SET count = "ClaimDailyCount".count + excluded.count;
  ELSIF TG_OP = 'DELETE' THEN
    WITH delta AS (
      SELECT o."tenantId", f.metric, o."createdAt"::date AS day, left(coalesce(o.vendor, ''), 300) AS vendor, f.label,
        -count(*)::int AS delta
      FROM old_rows o, certdesk_claim_overview_facts(o.outcome, o.status, o."errorMessage",
        o."apiVersion", o.response, o."forbiddenFound", o."requiredFound", o."requiredTotal",
        o.verdict, o."verdictRules", o."oneToOne", o."botDetected", o."languageApproved") f GROUP BY 1, 2, 3, 4, 5
    ), locked AS (
      SELECT pg_advisory_xact_lock(hashtextextended('certdesk-overview:' || t."tenantId"::text, 0))
      FROM (SELECT DISTINCT "tenantId" FROM delta ORDER BY 1) AS t
    )
    INSERT INTO "ClaimDailyCount" ("tenantId", metric, day, vendor, label, count)
      SELECT "tenantId", metric, day, vendor, label, delta FROM delta
      WHERE (SELECT count(*) FROM locked) >= 0
      ORDER BY "tenantId", metric, day, vendor, label
    ON CONFLICT ("tenantId", metric, day, vendor, label) DO UPDATE SET count = "ClaimDailyCount".count + excluded.count;
  ELSE
    WITH delta AS (
      SELECT "tenantId", metric, day, vendor, label, sum(delta)::int AS delta FROM (
        SELECT n."tenantId", f.metric, n."createdAt"::date AS day, left(coalesce(n.vendor, ''), 300) AS vendor,
          f.label, 1 AS delta
        FROM new_rows n, certdesk_claim_overview_facts(n.outcome, n.status, n."errorMessage",
        n."apiVersion", n.response, n."forbiddenFound", n."requiredFound", n."requiredTotal",
        n.verdict, n."verdictRules", n."oneToOne", n."botDetected", n."languageApproved") f
        UNION ALL
        SELECT o."tenantId", f.metric, o."createdAt"::date, left(coalesce(o.vendor, ''), 300), f.label, -1
        FROM old_rows o, certdesk_claim_overview_facts(o.outcome, o.status, o."errorMessage",
        o."apiVersion", o.response, o."forbiddenFound", o."requiredFound", o."requiredTotal",
        o.verdict, o."verdictRules", o."oneToOne", o."botDetected", o."languageApproved") f
      ) AS changes
      GROUP BY 1, 2, 3, 4, 5
      HAVING sum(delta) <> 0
    ), locked AS (
      SELECT pg_advisory_xact_lock(hashtextextended('certdesk-overview:' || t."tenantId"::text, 0))
      FROM (SELECT DISTINCT "tenantId" FROM delta ORDER BY 1) AS t
    )
    INSERT INTO "ClaimDailyCount" ("tenantId", metric, day, vendor, label, count)
      SELECT "tenantId", metric, day, vendor, label, delta FROM delta
      WHERE (SELECT count(*) FROM locked) >= 0
      ORDER BY "tenantId", metric, day, vendor, label
    ON CONFLICT ("tenantId", metric, day, vendor, label) DO UPDATE SET count = "ClaimDailyCount".count + excluded.count;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Claim_daily_count_insert" AFTER INSERT ON "Claim"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION certdesk_claim_daily_count_apply();
CREATE TRIGGER "Claim_daily_count_update" AFTER UPDATE ON "Claim"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION certdesk_claim_daily_count_apply();
CREATE TRIGGER "Claim_daily_count_delete" AFTER DELETE ON "Claim"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION certdesk_claim_daily_count_apply();

-- Emptying the claims empties their counts.
CREATE FUNCTION certdesk_claim_daily_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "ClaimDailyCount";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Claim_daily_count_truncate" AFTER TRUNCATE ON "Claim"
  FOR EACH STATEMENT EXECUTE FUNCTION certdesk_claim_daily_count_truncate();

-- The claims already there.
INSERT INTO "ClaimDailyCount" ("tenantId", metric, day, vendor, label, count)
  SELECT c."tenantId", f.metric, c."createdAt"::date, left(coalesce(c.vendor, ''), 300), f.label, count(*)::int
  FROM "Claim" c, certdesk_claim_overview_facts(c.outcome, c.status, c."errorMessage",
        c."apiVersion", c.response, c."forbiddenFound", c."requiredFound", c."requiredTotal",
        c.verdict, c."verdictRules", c."oneToOne", c."botDetected", c."languageApproved") f
  GROUP BY 1, 2, 3, 4, 5;
