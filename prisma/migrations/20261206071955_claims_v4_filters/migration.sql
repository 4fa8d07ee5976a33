-- CreateIndex
CREATE INDEX "Claim_tenantId_apiVersion_createdAt_id_idx" ON "Claim"("tenantId", "apiVersion", "createdAt" DESC, "id" DESC);

-- Hand-written: the claims list's filters on rare facts walk the keyset order (createdAt, id) over only the claims
-- that have the fact; without them a filter matching few or none of a tenant's claims read every claim.
CREATE INDEX "Claim_bot_detected_idx" ON "Claim"("tenantId", "createdAt" DESC, "id" DESC) WHERE "botDetected";
CREATE INDEX "Claim_not_one_to_one_idx" ON "Claim"("tenantId", "createdAt" DESC, "id" DESC) WHERE "oneToOne" = false;
CREATE INDEX "Claim_language_not_approved_idx" ON "Claim"("tenantId", "createdAt" DESC, "id" DESC) WHERE "languageApproved" = false;
CREATE INDEX "Claim_lead_match_failed_idx" ON "Claim"("tenantId", "createdAt" DESC, "id" DESC) WHERE "fingerprintMatch" = false;
