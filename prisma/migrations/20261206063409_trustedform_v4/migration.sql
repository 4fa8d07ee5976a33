-- CreateEnum
CREATE TYPE "TrustedFormApiVersion" AS ENUM ('3.0', '4.0');

-- CreateEnum
CREATE TYPE "ClaimVerdict" AS ENUM ('pass', 'fail');

-- AlterTable: tenants that exist now keep speaking 3.0 until an admin switches; tenants created from now on get 4.0.
ALTER TABLE "Tenant" ADD COLUMN     "trustedformApiVersion" "TrustedFormApiVersion" NOT NULL DEFAULT '3.0';
ALTER TABLE "Tenant" ALTER COLUMN "trustedformApiVersion" SET DEFAULT '4.0';

-- AlterTable
ALTER TABLE "ScanPolicy" ADD COLUMN     "insightsProperties" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "rules" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "verify" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "verifyAdvertiserName" TEXT,
ADD COLUMN     "verifyMinContrastRatio" DOUBLE PRECISION,
ADD COLUMN     "verifyMinFontSizePx" DOUBLE PRECISION,
ADD COLUMN     "verifyOptInTypes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "apiVersion" "TrustedFormApiVersion" NOT NULL DEFAULT '3.0',
ADD COLUMN     "botDetected" BOOLEAN,
ADD COLUMN     "emailMatch" BOOLEAN,
ADD COLUMN     "languageApproved" BOOLEAN,
ADD COLUMN     "oneToOne" BOOLEAN,
ADD COLUMN     "phoneMatch" BOOLEAN,
ADD COLUMN     "previouslyRetained" BOOLEAN,
ADD COLUMN     "request" JSONB,
ADD COLUMN     "retainedUntil" TIMESTAMP(3),
ADD COLUMN     "secondsOnPage" DOUBLE PRECISION,
ADD COLUMN     "verdict" "ClaimVerdict",
ADD COLUMN     "verdictRules" JSONB;

-- CreateIndex
CREATE INDEX "Claim_tenantId_verdict_createdAt_idx" ON "Claim"("tenantId", "verdict", "createdAt" DESC);
