-- Hand-written: the desk's search (lib/search/search-tenant.ts) and consent lookup (lib/search/lookup-consent.ts).
-- Search matches references, certificate ids and vendors by prefix (LIKE 'text%'), which a B-tree answers only with
-- text_pattern_ops under a non-C collation; the consent lookup matches fingerprints by equality, over the claims that
-- have one.
CREATE INDEX "Claim_search_reference_idx" ON "Claim"("tenantId", "reference" text_pattern_ops);
CREATE INDEX "Claim_search_certId_idx" ON "Claim"("tenantId", "certId" text_pattern_ops);
CREATE INDEX "Claim_search_vendor_idx" ON "Claim"("tenantId", "vendor" text_pattern_ops);
CREATE INDEX "Claim_emailFingerprint_idx" ON "Claim"("tenantId", "emailFingerprint") WHERE "emailFingerprint" IS NOT NULL;
CREATE INDEX "Claim_phoneFingerprint_idx" ON "Claim"("tenantId", "phoneFingerprint") WHERE "phoneFingerprint" IS NOT NULL;
