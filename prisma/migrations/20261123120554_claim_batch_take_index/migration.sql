-- DropIndex
DROP INDEX "Claim_batchId_status_idx";

-- CreateIndex
CREATE INDEX "Claim_batchId_status_rowNumber_idx" ON "Claim"("batchId", "status", "rowNumber");
