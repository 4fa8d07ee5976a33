// The least-privilege roles of a Certdesk database. A superuser (the embedded PostgreSQL's bootstrap user, or your
// DBA) only sets them up: an owner role owns every table, type, function and the pg-boss schema and runs the
// migrations; the app role (web app and worker) reads and writes rows and nothing else. It cannot ALTER a table, so
// it cannot disable or drop the append-only trigger of "AuditEntry", and it holds no UPDATE, DELETE or TRUNCATE on
// that table at all (a TRUNCATE fires no row trigger; REVOKE makes the trigger a second wall, not the only one).
import pg from "pg";

export interface RoleLogin {
  name: string;
  password: string;
}

export interface DatabaseRoles {
  owner: RoleLogin;
  app: RoleLogin;
}

/** The same server and database as `url`, signed in as `role`. */
export function urlForRole(url: string, role: RoleLogin): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role.name);
  parsed.password = encodeURIComponent(role.password);
  return parsed.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

async function ensureLoginRole(client: pg.Client, role: RoleLogin) {
  const name = client.escapeIdentifier(role.name);
  const exists = await client.query("select 1 from pg_roles where rolname = $1", [role.name]);
  // ALTER on every start: the attributes and the password always match what Certdesk expects.
  await client.query(
    `${exists.rowCount ? "alter" : "create"} role ${name} with login nosuperuser nocreatedb nocreaterole ` +
      `noreplication nobypassrls inherit password ${client.escapeLiteral(role.password)}`,
  );
}

/**
 * Hands the objects the superuser created before the roles existed (an embedded database from an earlier
 * version: tables, sequences, enums, functions, the pg-boss schema) to the owner. Extension members (pg_trgm's
 * functions) stay with the superuser, as PostgreSQL wants.
 */
const TRANSFER_OWNERSHIP = `
do $$
declare
  r record;
  me oid := (select oid from pg_roles where rolname = current_user);
  target text := current_setting('certdesk.owner_role');
  system_schema text := '^(pg_|information_schema$)';
begin
  for r in select n.nspname from pg_namespace n
    where n.nspowner = me and n.nspname <> 'public' and n.nspname !~ system_schema loop
    execute format('alter schema %I owner to %I', r.nspname, target);
  end loop;
  for r in select c.oid::regclass as rel, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relowner = me and n.nspname !~ system_schema and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
      and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                      and (d.deptype = 'e' or (c.relkind = 'S' and d.deptype in ('a', 'i')))) loop
    execute format('alter %s %s owner to %I',
      case r.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view'
                     when 'f' then 'foreign table' else 'table' end, r.rel, target);
  end loop;
  for r in select t.oid::regtype as typ, t.typtype from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where t.typowner = me and t.typtype in ('e', 'd') and n.nspname !~ system_schema
      and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid
                      and d.deptype = 'e') loop
    execute format('alter %s %s owner to %I', case r.typtype when 'd' then 'domain' else 'type' end, r.typ, target);
  end loop;
  for r in select p.oid::regprocedure as fn, p.prokind from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where p.proowner = me and n.nspname !~ system_schema
      and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid
                      and d.deptype = 'e') loop
    execute format('alter %s %s owner to %I',
      case r.prokind when 'p' then 'procedure' when 'a' then 'aggregate' else 'function' end, r.fn, target);
  end loop;
end $$`;

/**
 * What no role but the owner may do to the audit log, whoever granted it (a DBA's `GRANT ALL ON ALL TABLES` too):
 * change or remove entries, empty the table, add triggers to it. And nobody but the owner may write the migrations
 * table (a forged row there would make a later migration be skipped). Run after every migration, as the owner or
 * a superuser.
 */
export const PROTECT_AUDIT_LOG = `
do $$
declare
  r record;
begin
  for r in select t.name, t.privileges, g.grantee from (values
      ('"AuditEntry"', 'update, delete, truncate, trigger, references'),
      ('"_prisma_migrations"', 'all')) as t(name, privileges)
    cross join lateral (
      select distinct case when a.grantee = 0 then 'public' else a.grantee::regrole::text end as grantee
      from pg_class c, aclexplode(c.relacl) a
      where c.oid = to_regclass(t.name) and a.grantee <> c.relowner
        and (t.privileges = 'all' or a.privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES'))
    ) g(grantee) loop
    execute format('revoke %s on %s from %s', r.privileges, r.name, r.grantee);
  end loop;
end $$`;

/**
 * Creates (or brings up to date) the owner and app roles and the database, and grants the app role what it needs:
 * rows of every table the owner has or will create (default privileges, so new migrations and pg-boss's queue
 * partitions are covered), its sequences, and the schemas' usage. Idempotent; run at every start of the embedded
 * database, connected as a superuser.
 */
export async function provisionDatabaseRoles(superuserUrl: string, roles: DatabaseRoles): Promise<void> {
  const database = databaseName(superuserUrl);
  const admin = new URL(superuserUrl);
  admin.pathname = "/postgres";
  await withClient(admin.toString(), async (client) => {
    await ensureLoginRole(client, roles.owner);
    await ensureLoginRole(client, roles.app);
    const owner = client.escapeIdentifier(roles.owner.name);
    const quoted = client.escapeIdentifier(database);
    const found = await client.query<{ owner: string }>(
      "select pg_get_userbyid(datdba) as owner from pg_database where datname = $1",
      [database],
    );
    if (found.rowCount === 0) await client.query(`create database ${quoted} owner ${owner}`);
    else if (found.rows[0]!.owner !== roles.owner.name)
      await client.query(`alter database ${quoted} owner to ${owner}`);
    await client.query(`grant connect on database ${quoted} to ${client.escapeIdentifier(roles.app.name)}`);
  });
  await withClient(superuserUrl, async (client) => {
    const owner = client.escapeIdentifier(roles.owner.name);
    const app = client.escapeIdentifier(roles.app.name);
    await client.query("select set_config('certdesk.owner_role', $1, false)", [roles.owner.name]);
    await client.query(TRANSFER_OWNERSHIP);
    await client.query(`grant usage, create on schema public to ${owner}`);
    await client.query("revoke create on schema public from public");
    await client.query(`alter default privileges for role ${owner} grant usage on schemas to ${app}`);
    await client.query(
      `alter default privileges for role ${owner} grant select, insert, update, delete on tables to ${app}`,
    );
    await client.query(
      `alter default privileges for role ${owner} grant usage, select on sequences to ${app}`,
    );
    const schemas = await client.query<{ name: string }>(
      `select nspname as name from pg_namespace
       where nspname = 'public' or (pg_get_userbyid(nspowner) = $1 and nspname !~ '^(pg_|information_schema$)')`,
      [roles.owner.name],
    );
    for (const { name } of schemas.rows) {
      const schema = client.escapeIdentifier(name);
      await client.query(`grant usage on schema ${schema} to ${app}`);
      await client.query(`grant select, insert, update, delete on all tables in schema ${schema} to ${app}`);
      await client.query(`grant usage, select on all sequences in schema ${schema} to ${app}`);
    }
    await client.query(PROTECT_AUDIT_LOG);
  });
}

/** Drops roles made for a throw-away database (after the database itself is dropped). */
export async function dropDatabaseRoles(superuserUrl: string, roles: DatabaseRoles): Promise<void> {
  const admin = new URL(superuserUrl);
  admin.pathname = "/postgres";
  await withClient(admin.toString(), async (client) => {
    for (const role of [roles.app, roles.owner])
      await client.query(`drop role if exists ${client.escapeIdentifier(role.name)}`);
  });
}

/**
 * Whether the role of `url` could switch the audit log's protection off: a superuser, or a member of the role that
 * owns "AuditEntry" (the owner may disable its trigger). The worker warns when the app runs with such a role.
 */
export async function canDisableAuditProtection(url: string): Promise<{ role: string; can: boolean } | null> {
  return withClient(url, async (client) => {
    const rows = await client.query<{ role: string; can: boolean }>(
      `select current_user as role, (r.rolsuper or pg_has_role(current_user, c.relowner, 'USAGE')) as can
       from pg_roles r, pg_class c where r.rolname = current_user and c.oid = to_regclass('"AuditEntry"')`,
    );
    return rows.rows[0] ?? null;
  });
}
