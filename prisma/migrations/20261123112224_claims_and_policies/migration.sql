-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('sending', 'claimed', 'failed', 'unknown');

-- CreateEnum
CREATE TYPE "ClaimOutcome" AS ENUM ('success', 'failure');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('accepted', 'rejected');

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "claimSendsRawContact" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ScanPolicy" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "required" JSONB NOT NULL DEFAULT '[]',
    "forbidden" JSONB NOT NULL DEFAULT '[]',
    "scanDelimiter" TEXT,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScanPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "certId" TEXT NOT NULL,
    "certUrl" TEXT NOT NULL,
    "vendor" TEXT,
    "reference" TEXT,
    "emailFingerprint" TEXT,
    "phoneFingerprint" TEXT,
    "policyId" UUID,
    "policyName" TEXT,
    "requiredTerms" JSONB NOT NULL DEFAULT '[]',
    "forbiddenTerms" JSONB NOT NULL DEFAULT '[]',
    "scanDelimiter" TEXT,
    "status" "ClaimStatus" NOT NULL,
    "outcome" "ClaimOutcome",
    "requiredFound" INTEGER NOT NULL DEFAULT 0,
    "requiredTotal" INTEGER NOT NULL DEFAULT 0,
    "forbiddenFound" INTEGER NOT NULL DEFAULT 0,
    "fingerprintMatch" BOOLEAN,
    "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "hasWarnings" BOOLEAN NOT NULL DEFAULT false,
    "response" JSONB,
    "errorKind" TEXT,
    "errorMessage" TEXT,
    "decision" "ReviewDecision",
    "decisionReason" TEXT,
    "decidedByEmail" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdByEmail" TEXT,
    "claimedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScanPolicy_tenantId_name_key" ON "ScanPolicy"("tenantId", "name");

-- CreateIndex
CREATE INDEX "Claim_tenantId_createdAt_id_idx" ON "Claim"("tenantId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Claim_tenantId_outcome_createdAt_idx" ON "Claim"("tenantId", "outcome", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Claim_tenantId_vendor_createdAt_idx" ON "Claim"("tenantId", "vendor", "createdAt" DESC);

-- A certificate is claimed at most once per tenant by accident: a second claim row may exist only when every
-- earlier one failed (nothing was claimed). Prisma cannot express a partial index; it lives here.
CREATE UNIQUE INDEX "Claim_one_live_claim_per_certificate" ON "Claim"("tenantId", "certId") WHERE "status" <> 'failed';
