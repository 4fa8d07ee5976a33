-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "claimConcurrency" INTEGER NOT NULL DEFAULT 8;

-- Hand-written: claims left "sending" are looked up every few seconds by the worker's recovery sweep.
CREATE INDEX "Claim_sending_idx" ON "Claim"("tenantId", "lockedAt") WHERE status = 'sending';
