-- Hand-written: the certifications list searches titles by substring (ILIKE '%text%'). A trigram index keeps that
-- fast at 100,000+ certifications per tenant. pg_trgm ships with PostgreSQL and is a trusted extension (PostgreSQL
-- 13+), so a database owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Certification_title_trgm_idx" ON "Certification" USING gin ("title" gin_trgm_ops);
