-- Readiness (/api/ready): the app role may not read _prisma_migrations (database-roles.ts takes every right on it
-- away), but it may learn which migrations are applied, to compare them with the ones its release ships. Runs as the
-- owner (SECURITY DEFINER), reads names only.
CREATE FUNCTION certdesk_applied_migrations() RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
    SELECT migration_name::text FROM public._prisma_migrations
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
  $$;
