-- CreateEnum
CREATE TYPE "CertificationMode" AS ENUM ('hash', 'file');

-- CreateEnum
CREATE TYPE "CertificationStatus" AS ENUM ('uploading', 'creating', 'pending', 'completed', 'error', 'unknown');

-- CreateEnum
CREATE TYPE "ArtifactType" AS ENUM ('data', 'report', 'xml', 'media');

-- CreateTable
CREATE TABLE "Certification" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "mode" "CertificationMode" NOT NULL,
    "generatePdfReport" BOOLEAN NOT NULL DEFAULT true,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "status" "CertificationStatus" NOT NULL,
    "reportId" TEXT,
    "creditsAmount" INTEGER,
    "fileCount" INTEGER NOT NULL,
    "uploadSessionToken" TEXT,
    "uploadAttempts" INTEGER NOT NULL DEFAULT 0,
    "errorCode" TEXT,
    "errorDetail" TEXT,
    "errorMessage" TEXT,
    "nextPollAt" TIMESTAMP(3),
    "pollCount" INTEGER NOT NULL DEFAULT 0,
    "completedAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "archiveNextAt" TIMESTAMP(3),
    "archiveAttempts" INTEGER NOT NULL DEFAULT 0,
    "archiveError" TEXT,
    "checks" JSONB,
    "createdById" UUID,
    "createdByEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificationFile" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "certificationId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT,
    "size" BIGINT,
    "mimeType" TEXT,

    CONSTRAINT "CertificationFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificationArtifact" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "certificationId" UUID NOT NULL,
    "type" "ArtifactType" NOT NULL,
    "position" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "archivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificationArtifact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookReceipt" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "webhookId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Certification_tenantId_createdAt_id_idx" ON "Certification"("tenantId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Certification_tenantId_status_createdAt_id_idx" ON "Certification"("tenantId", "status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Certification_status_nextPollAt_idx" ON "Certification"("status", "nextPollAt");

-- CreateIndex
CREATE INDEX "Certification_archiveNextAt_idx" ON "Certification"("archiveNextAt");

-- CreateIndex
CREATE UNIQUE INDEX "Certification_tenantId_reportId_key" ON "Certification"("tenantId", "reportId");

-- CreateIndex
CREATE INDEX "CertificationFile_tenantId_sha256_idx" ON "CertificationFile"("tenantId", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "CertificationFile_certificationId_position_key" ON "CertificationFile"("certificationId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "CertificationArtifact_certificationId_type_position_key" ON "CertificationArtifact"("certificationId", "type", "position");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookReceipt_tenantId_webhookId_key" ON "WebhookReceipt"("tenantId", "webhookId");

-- AddForeignKey
ALTER TABLE "CertificationFile" ADD CONSTRAINT "CertificationFile_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificationArtifact" ADD CONSTRAINT "CertificationArtifact_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
