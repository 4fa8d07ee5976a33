-- Hand-written: the review queue (lib/claims/list-review-queue.ts) and the nav's count of claims to review
-- (count-unreviewed-claims.ts) read only claims still to review (claimed, no decision). Without these, both walked
-- the tenant's whole share of "Claim" (a sequential scan at 1,000,000 claims); with them, they read the queue only.
-- Partial indexes, which Prisma's schema cannot express, like the 4.0 filters' (20261206071955_claims_v4_filters).
CREATE INDEX "Claim_review_queue_idx" ON "Claim"("tenantId", "createdAt" DESC, "id" DESC)
  WHERE "status" = 'claimed' AND "decision" IS NULL;
CREATE INDEX "Claim_review_queue_failing_idx" ON "Claim"("tenantId", "createdAt" DESC, "id" DESC)
  WHERE "status" = 'claimed' AND "decision" IS NULL AND "verdict" = 'fail';
