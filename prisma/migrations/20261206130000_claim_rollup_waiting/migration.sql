-- The overview's "status" counts told queued from sending claims, so a bulk batch's take (queued -> sending) changed
-- a counted fact: each take then wrote "ClaimDailyCount" under the tenant's overview lock and waited for every
-- settlement holding it, and a take of a worker frozen or killed in the middle of a settlement committed only after
-- the worker was gone. Queued and sending now count as one, "waiting": a take changes no counted fact and takes no
-- lock (as the rollup's own comments always said).
CREATE OR REPLACE FUNCTION certdesk_claim_overview_facts(outcome "ClaimOutcome", status "ClaimStatus", "errorMessage" text,
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
  SELECT 'status', CASE WHEN status = 'unknown' THEN 'unknown' ELSE 'waiting' END
  WHERE status IN ('queued', 'sending', 'unknown')
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

-- The counts already there: queued and sending move to "waiting", in one statement.
WITH moved AS (
  DELETE FROM "ClaimDailyCount" WHERE metric = 'status' AND label IN ('queued', 'sending')
  RETURNING "tenantId", day, vendor, count
)
INSERT INTO "ClaimDailyCount" ("tenantId", metric, day, vendor, label, count)
  SELECT "tenantId", 'status', day, vendor, 'waiting', sum(count)::int FROM moved
  GROUP BY "tenantId", day, vendor
  HAVING sum(count) <> 0
  ORDER BY "tenantId", day, vendor
ON CONFLICT ("tenantId", metric, day, vendor, label) DO UPDATE SET count = "ClaimDailyCount".count + excluded.count;
