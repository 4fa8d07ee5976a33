-- CreateEnum
CREATE TYPE "Service" AS ENUM ('truescreen', 'trustedform');

-- CreateEnum
CREATE TYPE "ServiceEnvironment" AS ENUM ('production', 'sandbox');

-- CreateTable
CREATE TABLE "TenantConnection" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "service" "Service" NOT NULL,
    "environment" "ServiceEnvironment" NOT NULL,
    "sandboxBaseUrl" TEXT,
    "webhookToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TenantConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TenantSecret" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "hintSealed" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "setById" UUID,
    "setByEmail" TEXT,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TenantSecret_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TenantConnection_webhookToken_key" ON "TenantConnection"("webhookToken");

-- CreateIndex
CREATE UNIQUE INDEX "TenantConnection_tenantId_service_key" ON "TenantConnection"("tenantId", "service");

-- CreateIndex
CREATE INDEX "TenantSecret_keyId_idx" ON "TenantSecret"("keyId");

-- CreateIndex
CREATE UNIQUE INDEX "TenantSecret_tenantId_purpose_key" ON "TenantSecret"("tenantId", "purpose");
