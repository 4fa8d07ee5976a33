-- CreateIndex
CREATE INDEX "Certification_tenantId_createdAt_status_creditsAmount_idx" ON "Certification"("tenantId", "createdAt", "status", "creditsAmount");

-- CreateIndex
CREATE INDEX "Certification_tenantId_status_archivedAt_idx" ON "Certification"("tenantId", "status", "archivedAt");
