// Upgrading an embedded database made before the owner and app roles existed: everything the superuser created
// (tables, their sequences, enums, functions, pg-boss's schema) moves to the owner on the next start, and the app
// role can use the rows but not alter them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/test/test-database";
import { APP_ROLE, OWNER_ROLE, startEmbeddedPostgres } from "./embedded-postgres";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-upgrade-"));

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function query<R extends object>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("the embedded database's roles", () => {
  it("hand what an earlier version's superuser created to the owner, and give the app role rows only", async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, database: "certdesk" });
    try {
      // What an earlier Certdesk left behind: everything owned by the bootstrap superuser.
      await query(
        first.url,
        `alter database certdesk owner to certdesk;
         create type "Kind" as enum ('a', 'b');
         create table "Thing" (id serial primary key, kind "Kind");
         create function thing_guard() returns trigger language plpgsql as $$ begin return new; end $$;
         create schema pgboss_legacy;
         create table pgboss_legacy.job (id int);
         create extension if not exists pg_trgm;`,
      );
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, port, database: "certdesk" });
    try {
      const owners = await query<{ object: string; owner: string }>(
        second.url,
        `select 'database' as object, pg_get_userbyid(datdba) as owner from pg_database where datname = 'certdesk'
         union all select c.relname, pg_get_userbyid(c.relowner) from pg_class c
           where c.relname in ('Thing', 'Thing_id_seq', 'job') and c.relnamespace::regnamespace::text in ('public', 'pgboss_legacy')
         union all select 'Kind', pg_get_userbyid(typowner) from pg_type where typname = 'Kind'
         union all select 'thing_guard', pg_get_userbyid(proowner) from pg_proc where proname = 'thing_guard'
         union all select 'pgboss_legacy', pg_get_userbyid(nspowner) from pg_namespace where nspname = 'pgboss_legacy'
         order by 1`,
      );
      expect(owners).toEqual(
        ["Kind", "Thing", "Thing_id_seq", "database", "job", "pgboss_legacy", "thing_guard"].map(
          (object) => ({
            object,
            owner: OWNER_ROLE,
          }),
        ),
      );
      // pg_trgm's functions stay the extension's (the superuser's), as PostgreSQL requires.
      expect(
        await query<{ owner: string }>(
          second.url,
          "select distinct pg_get_userbyid(proowner) as owner from pg_proc where proname = 'similarity'",
        ),
      ).toEqual([{ owner: "certdesk" }]);

      expect(new URL(second.appUrl).username).toBe(APP_ROLE);
      await query(
        second.appUrl,
        `insert into "Thing" (kind) values ('a'); insert into pgboss_legacy.job values (1)`,
      );
      expect(await query(second.appUrl, `select kind from "Thing"`)).toEqual([{ kind: "a" }]);
      await expect(query(second.appUrl, `alter table "Thing" add column x int`)).rejects.toThrow(
        /must be owner/,
      );
      await expect(query(second.appUrl, `truncate "Thing"`)).rejects.toThrow(/permission denied/);
      await expect(query(second.appUrl, `create table "Other" (id int)`)).rejects.toThrow(
        /permission denied/,
      );
      await query(second.ownerUrl, `alter table "Thing" add column x int`);
    } finally {
      await second.stop();
    }
  });
});
