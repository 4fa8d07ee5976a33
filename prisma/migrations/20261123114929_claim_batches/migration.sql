-- CreateEnum
CREATE TYPE "BatchStatus" AS ENUM ('running', 'completed');

-- AlterEnum
ALTER TYPE "ClaimStatus" ADD VALUE 'queued';

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "batchId" UUID,
ADD COLUMN     "lockedAt" TIMESTAMP(3),
ADD COLUMN     "rowNumber" INTEGER;

-- CreateTable
CREATE TABLE "ClaimBatch" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" "BatchStatus" NOT NULL DEFAULT 'running',
    "totalRows" INTEGER NOT NULL,
    "acceptedRows" INTEGER NOT NULL,
    "refused" JSONB NOT NULL DEFAULT '[]',
    "concurrency" INTEGER NOT NULL,
    "createdById" UUID,
    "createdByEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ClaimBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClaimBatch_tenantId_createdAt_idx" ON "ClaimBatch"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Claim_batchId_status_idx" ON "Claim"("batchId", "status");
