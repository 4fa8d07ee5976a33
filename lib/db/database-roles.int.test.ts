// The app role from the attacker's side: someone who holds DATABASE_URL (a leaked environment, an injection in the
// app) tries every way to remove or rewrite audit entries, and PostgreSQL refuses each for lack of privilege,
// while everything the app itself does still works.
import { memberOf } from "@/lib/core/actor";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { startJobQueues, CLAIM_BATCH_QUEUE } from "@/lib/jobs/job-queues";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { canDisableAuditProtection } from "./database-roles";
import { migrateDatabase } from "@/lib/setup/migrate-database";

let app: pg.Client;
let tenantId: string;

beforeAll(async () => {
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await app.connect();
  ({
    tenant: { id: tenantId },
  } = await createTenantWithOwner());
  await appendAuditEntry({ tenantId, action: "test.event", details: { n: 2 } });
});

afterAll(async () => {
  await app.end();
});

/** Runs one statement as the app role and returns PostgreSQL's error code (null when it succeeded). */
async function attempt(sql: string, params: unknown[] = []): Promise<string | null> {
  await app.query("begin");
  try {
    await app.query(sql, params);
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? "unknown";
  } finally {
    await app.query("rollback");
  }
}

const INSUFFICIENT_PRIVILEGE = "42501";

describe("the app role (DATABASE_URL)", () => {
  it("is neither a superuser nor the owner of the tables", async () => {
    const role = (
      await app.query<{ name: string; superuser: boolean; owner: string }>(
        `select current_user as name, rolsuper as superuser, pg_get_userbyid(c.relowner) as owner
         from pg_roles, pg_class c where rolname = current_user and c.oid = '"AuditEntry"'::regclass`,
      )
    ).rows[0]!;
    expect(role.superuser).toBe(false);
    expect(role.owner).not.toBe(role.name);
  });

  it("cannot disable or drop the append-only triggers, truncate, update or delete audit entries", async () => {
    const attacks = [
      'alter table "AuditEntry" disable trigger user',
      'alter table "AuditEntry" disable trigger "AuditEntry_append_only_row"',
      'alter table "AuditEntry" disable trigger all',
      'drop trigger "AuditEntry_append_only_row" on "AuditEntry"',
      'drop trigger "AuditEntry_append_only_truncate" on "AuditEntry"',
      "drop function certdesk_audit_append_only() cascade",
      'truncate "AuditEntry"',
      'drop table "AuditEntry"',
      'alter table "AuditEntry" rename to "AuditEntryOld"',
      'alter table "AuditEntry" owner to current_user',
      "set session_replication_role = replica",
      'create trigger t before insert on "AuditEntry" for each row execute function certdesk_audit_append_only()',
      'create table "AuditEntryCopy" (id int)',
      `insert into "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       values ('x', 'x', '99999999999999_skip_me', now(), 1)`,
    ];
    for (const sql of attacks)
      expect({ sql, code: await attempt(sql) }).toEqual({ sql, code: INSUFFICIENT_PRIVILEGE });
    expect(await attempt(`update "AuditEntry" set action = 'x' where "tenantId" = $1`, [tenantId])).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    expect(await attempt(`delete from "AuditEntry" where "tenantId" = $1`, [tenantId])).toBe(
      INSUFFICIENT_PRIVILEGE,
    );
    expect(await verifyAuditChain(tenantId)).toMatchObject({ intact: true, entries: 2 });
  });

  it("still does what the app does: reads, inserts, updates and deletes rows, appends entries, uses the job queue", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    await app.query(`update "Tenant" set "claimConcurrency" = 4 where id = $1`, [tenant.id]);
    await appendAuditEntry({
      tenantId: tenant.id,
      actorId: memberOf(actor.actor).userId,
      action: "test.event",
    });
    await app.query(`delete from "Membership" where "tenantId" = $1`, [tenant.id]);
    expect(
      (await app.query(`select count(*)::int as n from "AuditEntry" where "tenantId" = $1`, [tenant.id]))
        .rows[0],
    ).toEqual({ n: 2 });
    const boss = await startJobQueues(process.env.DATABASE_URL!);
    try {
      const id = await boss.send(CLAIM_BATCH_QUEUE, { batchId: "not-a-batch" }, { singletonKey: tenant.id });
      expect(id).toBeTruthy();
      await boss.cancel(CLAIM_BATCH_QUEUE, id!);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it("is told apart from roles that could switch the protection off (the worker warns about those)", async () => {
    expect(await canDisableAuditProtection(process.env.DATABASE_URL!)).toMatchObject({ can: false });
    expect(await canDisableAuditProtection(inject("databaseOwnerUrl"))).toMatchObject({ can: true });
    expect(await canDisableAuditProtection(inject("databaseSuperuserUrl"))).toMatchObject({ can: true });
  });

  it("loses a DBA's over-broad grant on the audit log at the next migration run", async () => {
    const superuser = new pg.Client({ connectionString: inject("databaseSuperuserUrl") });
    await superuser.connect();
    try {
      const { name } = (await app.query<{ name: string }>("select current_user as name")).rows[0]!;
      await superuser.query(
        `grant all on "AuditEntry", "_prisma_migrations" to ${app.escapeIdentifier(name)}`,
      );
      expect(await attempt(`delete from "AuditEntry" where false`)).toBeNull();
      await migrateDatabase(inject("databaseOwnerUrl"));
      expect(await attempt(`delete from "AuditEntry" where false`)).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await attempt('truncate "AuditEntry"')).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await attempt('select count(*) from "_prisma_migrations"')).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await attempt('select count(*) from "AuditEntry"')).toBeNull();
    } finally {
      await superuser.end();
    }
  });
});
