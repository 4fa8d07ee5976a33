-- DropIndex
DROP INDEX "TenantSecret_tenantId_purpose_key";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "createdByInvitationId" UUID,
ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "auditHeadCertify" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "keyId" TEXT;

-- AlterTable
ALTER TABLE "TenantSecret" ADD COLUMN     "environment" "ServiceEnvironment" NOT NULL DEFAULT 'production';

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "acceptedById" UUID,
    "revokedAt" TIMESTAMP(3),
    "createdById" UUID,
    "createdByEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditHeadCertification" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "anchorKey" TEXT NOT NULL,
    "anchorSha256" TEXT NOT NULL,
    "certificationId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditHeadCertification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_tenantId_createdAt_idx" ON "Invitation"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Invitation_email_idx" ON "Invitation"("email");

-- CreateIndex
CREATE INDEX "AuditHeadCertification_tenantId_createdAt_idx" ON "AuditHeadCertification"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "AuditHeadCertification_tenantId_seq_key" ON "AuditHeadCertification"("tenantId", "seq");

-- Keys are per environment: a secret saved before this migration belongs to the environment its service's
-- connection was on when it was saved (the only one it could have been used with).
UPDATE "TenantSecret" s SET "environment" = c."environment"
  FROM "TenantConnection" c
  WHERE c."tenantId" = s."tenantId" AND s."purpose" LIKE c."service"::text || '.%';

-- Set-password links still unused become invitations with the same token (the old /set-password?token= link
-- keeps working): the account they were issued for was created for that tenant and has no password yet.
INSERT INTO "Invitation" ("id", "tenantId", "email", "role", "tokenHash", "expiresAt", "createdById", "createdAt", "updatedAt")
  SELECT t."id", t."tenantId", u."email", m."role", t."tokenHash", t."expiresAt", t."createdById", t."createdAt", CURRENT_TIMESTAMP
  FROM "PasswordSetToken" t
  JOIN "User" u ON u."id" = t."userId"
  JOIN "Membership" m ON m."userId" = t."userId" AND m."tenantId" = t."tenantId"
  WHERE t."usedAt" IS NULL AND t."expiresAt" > CURRENT_TIMESTAMP AND u."passwordHash" IS NULL;
UPDATE "User" u SET "createdByInvitationId" = i."id"
  FROM "Invitation" i WHERE i."email" = u."email" AND u."passwordHash" IS NULL;

ALTER TABLE "PasswordSetToken" DROP CONSTRAINT "PasswordSetToken_userId_fkey";
DROP TABLE "PasswordSetToken";

-- CreateIndex
CREATE UNIQUE INDEX "TenantSecret_tenantId_purpose_environment_key" ON "TenantSecret"("tenantId", "purpose", "environment");
