-- Hand-written, replacing 20261206095011_review_queue_indexes: Prisma sends an enum as a cast of a text parameter
-- (status = CAST($2::text AS "ClaimStatus")), which the planner cannot prove equal to the predicate
-- status = 'claimed', so those partial indexes were never used by the app (the bench's EXPLAIN, written in literals,
-- showed them; the app's count of 1,000,000 claims stayed a sequential scan). Here the predicate is only
-- "decision IS NULL" (Prisma writes it literally) and the status, like the verdict, is an index column.
DROP INDEX IF EXISTS "Claim_review_queue_idx";
DROP INDEX IF EXISTS "Claim_review_queue_failing_idx";
CREATE INDEX "Claim_review_queue_idx" ON "Claim"("tenantId", "status", "createdAt" DESC, "id" DESC)
  WHERE "decision" IS NULL;
CREATE INDEX "Claim_review_queue_failing_idx" ON "Claim"("tenantId", "status", "verdict", "createdAt" DESC, "id" DESC)
  WHERE "decision" IS NULL;
