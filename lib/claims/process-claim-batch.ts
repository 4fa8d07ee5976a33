// Bulk claims, step two (the worker): claims a batch's queued rows with a bounded number in flight per tenant.
// Each row is taken atomically (FOR UPDATE SKIP LOCKED) and marked "sending" before its request, so several
// workers, retries or restarts never send a row twice; a row left "sending" by a dead worker is settled by a GET
// (which never claims) before it is ever queued again.
//
// A worker works a tenant's batches while holding the tenant's claim lock (a session advisory lock on its own
// connection, which PostgreSQL releases when the worker dies). So a batch row found "sending" while nobody holds that
// lock belongs to a dead worker, and is recovered at once, not after a timeout.
//
// The hot path uses node-postgres directly (not Prisma, whose per-query CPU cost capped a worker near 100 claims/s),
// and settles rows by group commit: the runners' finished claims are written together, with their audit entries,
// in one transaction.
import { forEachLimited } from "@/lib/for-each-limited";
import pg from "pg";
import { appendAuditEntries, appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { environmentOfOrigin } from "@/lib/connections/environment-of-origin";
import {
  resolveConnection,
  SandboxNotAllowedError,
  type ResolvedConnection,
} from "@/lib/connections/resolve-connection";
import { systemDb } from "@/lib/db/client";
import type { TenantScope } from "@/lib/db/tenant-scope";
import { withTenantSecret } from "@/lib/secrets/with-tenant-secret";
import { viewClaim } from "@/lib/trustedform/claim-certificate";
import { scanTermSchema } from "./scan-terms";
import { claimedSettlement, sendAndSettle, type Settlement } from "./claim-one";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

/** A row left "sending" longer than the longest request (30 s) plus a margin belongs to a worker that died. */
export const STALE_SENDING_SECONDS = 45;

export class TenantBusyError extends Error {
  constructor() {
    super("Another worker is claiming this tenant's batches; this one will be retried.");
    this.name = "TenantBusyError";
  }
}

interface TakenRow {
  id: string;
  certId: string;
  certUrl: string;
  vendor: string | null;
  reference: string | null;
  emailFingerprint: string | null;
  phoneFingerprint: string | null;
  requiredTerms: unknown;
  forbiddenTerms: unknown;
  scanDelimiter: string | null;
}

/**
 * Takes the next queued row after `afterRow`. Starting after the last row taken keeps every scan short: the index
 * entries of rows already taken (dead until vacuum) are not walked again and again, which made a 10,000-row batch
 * slow down as it went.
 */
let pool: pg.Pool | null = null;
function claimsPool(): pg.Pool {
  pool ??= new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: 4,
    idleTimeoutMillis: 5000,
    allowExitOnIdle: true,
    application_name: "certdesk-claims",
  });
  return pool;
}

async function takeRow(
  batchId: string,
  afterRow: number,
): Promise<(TakenRow & { rowNumber: number }) | null> {
  const { rows } = await claimsPool().query<TakenRow & { rowNumber: number }>(
    `update "Claim" set status = 'sending', "lockedAt" = (now() at time zone 'UTC'), "updatedAt" = (now() at time zone 'UTC')
     where id = (
       select id from "Claim"
       where "batchId" = $1::uuid and status = 'queued' and "rowNumber" > $2
       order by "rowNumber" limit 1 for update skip locked)
     returning id, "certId", "certUrl", vendor, reference, "emailFingerprint", "phoneFingerprint", "requiredTerms", "forbiddenTerms", "scanDelimiter", "rowNumber"`,
    [batchId, afterRow],
  );
  return rows[0] ?? null;
}

/** One statement settles many rows: each row's fields as a JSON record (absent fields keep their value). */
const SETTLE_ROWS = `
  update "Claim" c set
    status = v.status::"ClaimStatus",
    outcome = v.outcome::"ClaimOutcome",
    "requiredFound" = coalesce(v."requiredFound", c."requiredFound"),
    "requiredTotal" = coalesce(v."requiredTotal", c."requiredTotal"),
    "forbiddenFound" = coalesce(v."forbiddenFound", c."forbiddenFound"),
    "fingerprintMatch" = v."fingerprintMatch",
    warnings = coalesce(v.warnings, c.warnings),
    "hasWarnings" = coalesce(v."hasWarnings", c."hasWarnings"),
    response = v.response,
    "claimedAt" = (v."claimedAt" at time zone 'UTC'),
    "errorKind" = v."errorKind",
    "errorMessage" = v."errorMessage",
    "lockedAt" = null,
    "updatedAt" = (now() at time zone 'UTC')
  from jsonb_to_recordset($1::jsonb) as v(id uuid, status text, outcome text, "requiredFound" int, "requiredTotal" int,
    "forbiddenFound" int, "fingerprintMatch" boolean, warnings text[], "hasWarnings" boolean, response jsonb,
    "claimedAt" timestamptz, "errorKind" text, "errorMessage" text)
  where c.id = v.id and c.status = 'sending'`;

interface Settled {
  row: { id: string; certId: string };
  settle: Settlement;
  done: (error?: unknown) => void;
}

/**
 * Group commit: a runner hands over its settled row and waits until it is committed. While one transaction is
 * being written, the rows that finish meanwhile gather and go together in the next.
 */
class SettleQueue {
  private waiting: Settled[] = [];
  private writing = false;
  constructor(private readonly scope: TenantScope & { actorEmail: string | null }) {}

  settle(row: Settled["row"], settle: Settlement): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, settle, done: (error) => (error ? reject(error) : resolve()) });
      void this.drain();
    });
  }

  private async drain() {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.waiting.length) {
        const items = this.waiting.splice(0);
        try {
          await this.write(items);
          for (const item of items) item.done();
        } catch (error) {
          for (const item of items) item.done(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(items: Settled[]) {
    const records = items.map(({ row, settle }) => ({
      ...settle,
      id: row.id,
      ...("claimedAt" in settle ? { claimedAt: settle.claimedAt.toISOString() } : {}),
    }));
    const client = await claimsPool().connect();
    try {
      await client.query("begin");
      await client.query(SETTLE_ROWS, [JSON.stringify(records)]);
      await appendAuditEntries(
        client,
        this.scope.tenantId,
        items.map(({ row, settle }) => ({
          actorId: this.scope.actorId,
          actorEmail: this.scope.actorEmail,
          action: settle.status === "claimed" ? "claim.claimed" : `claim.${settle.status}`,
          targetType: "claim",
          targetId: row.id,
          details: { certId: row.certId, status: settle.status, via: "batch" },
        })),
      );
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

async function settleRow(
  scope: TenantScope & { actorEmail: string | null },
  row: { id: string; certId: string },
  settle: Settlement,
  via: string,
) {
  await systemDb.$transaction(async (tx) => {
    await tx.claim.update({ where: { id: row.id }, data: { ...(settle as object), lockedAt: null } });
    await appendAuditEntry(
      {
        tenantId: scope.tenantId,
        actorId: scope.actorId,
        actorEmail: scope.actorEmail,
        action: settle.status === "claimed" ? "claim.claimed" : `claim.${settle.status}`,
        targetType: "claim",
        targetId: row.id,
        details: { certId: row.certId, status: settle.status, via },
      },
      tx,
    );
  });
}

export async function processClaimBatch(batchId: string): Promise<{ processed: number; completed: boolean }> {
  const batch = await systemDb.claimBatch.findUnique({ where: { id: batchId } });
  if (!batch || batch.status === "completed") return { processed: 0, completed: true };
  const scope = Object.assign(
    openTenantContext(batch.tenantId, {
      kind: "system",
      name: "worker",
      onBehalfOf: { userId: batch.createdById, email: batch.createdByEmail },
    }),
    { actorId: batch.createdById, actorEmail: batch.createdByEmail },
  );

  // One batch at a time per tenant, held on a dedicated connection: if this worker dies, PostgreSQL drops the lock.
  // Named after this process, so that an operator (or the benchmark) can tell which worker holds a tenant's batches.
  const lock = new pg.Client({
    connectionString: process.env.DATABASE_URL,
    application_name: `certdesk-claims-lock:${process.pid}`,
  });
  await lock.connect();
  try {
    if (!(await tryTenantClaimLock(lock, batch.tenantId))) throw new TenantBusyError();
    // Where this run's claims go and whose key they carry: the connection's environment, decided once. A sandbox the
    // deployment no longer allows gets nothing: its rows fail with the reason.
    let connection: ResolvedConnection | null = null;
    let refusal: SandboxNotAllowedError | null = null;
    try {
      connection = await resolveConnection(scope, "trustedform");
    } catch (error) {
      if (!(error instanceof SandboxNotAllowedError)) throw error;
      refusal = error;
    }
    const origin = connection?.origin ?? null;
    const environment = connection?.environment ?? "sandbox";
    // We hold the tenant's claim lock: any of its batch rows still "sending" belong to a worker that died.
    await recoverOrphanedRows(batch.tenantId);
    let processed = 0;
    const settled = new SettleQueue(scope);
    await withTenantSecret(scope, "trustedform.api_key", environment, async (apiKey) => {
      // The runners share a high-water mark; when nothing is left after it, one pass from the start picks up rows
      // that recovery queued again.
      let highest = 0;
      let writeFailed: unknown = null; // also set when taking a row or a runner meets an unexpected error
      const next = async () => {
        try {
          const row = (await takeRow(batchId, highest)) ?? (await takeRow(batchId, 0));
          if (row && row.rowNumber > highest) highest = row.rowNumber;
          return row;
        } catch (error) {
          writeFailed ??= error; // the database failed: stop taking rows; the job fails and is retried
          return null;
        }
      };
      // A runner hands its settled row to the group commit and takes the next row at once; the claim itself is
      // safe already (a row whose write is lost stays "sending" and is settled by a GET). A failed write stops the
      // runners; the job fails and pg-boss retries it.
      const writes: Array<Promise<void>> = [];
      // Each runner takes its next row while the current claim is in flight, so taking rows costs no time; at most
      // `concurrency` requests are in flight. A row taken but never sent (the job stopped) is "sending" without a
      // claim behind it: recovery's GET finds none and queues it again.
      const runner = async () => {
        let upcoming = next();
        for (let row = await upcoming; row; row = await upcoming) {
          upcoming = writeFailed ? Promise.resolve(null) : next();
          let settle: Settlement;
          try {
            settle =
              origin && row.certUrl.startsWith(`${origin}/`)
                ? await sendAndSettle({
                    url: row.certUrl,
                    apiKey,
                    gaveContact: Boolean(row.emailFingerprint || row.phoneFingerprint),
                    request: {
                      fingerprints: [row.emailFingerprint, row.phoneFingerprint].filter((f): f is string =>
                        Boolean(f),
                      ),
                      reference: row.reference ?? undefined,
                      vendor: row.vendor ?? undefined,
                      requiredScanTerms: scanTermSchema.array().parse(row.requiredTerms),
                      forbiddenScanTerms: scanTermSchema.array().parse(row.forbiddenTerms),
                      scanDelimiter: row.scanDelimiter ?? undefined,
                    },
                  })
                : origin
                  ? {
                      status: "failed",
                      errorKind: "origin_changed",
                      errorMessage:
                        "The tenant's TrustedForm connection changed since the file was checked; nothing was claimed.",
                    }
                  : {
                      status: "failed",
                      errorKind: "sandbox_not_allowed",
                      errorMessage: `Nothing was claimed. ${refusal?.message ?? ""}`,
                    };
          } catch (error) {
            // Unexpected: stop this job with the row left "sending". Every runner ends before the tenant lock is
            // released, so no other worker can recover the row while a request for it may still be under way.
            writeFailed ??= error;
            break;
          }
          writes.push(
            settled.settle(row, settle).then(
              () => void (processed += 1),
              (error: unknown) => void (writeFailed ??= error),
            ),
          );
        }
      };
      await Promise.all(Array.from({ length: batch.concurrency }, runner));
      await Promise.all(writes);
      if (writeFailed) throw writeFailed;
    });
    const left = await systemDb.claim.count({ where: { batchId, status: { in: ["queued", "sending"] } } });
    if (left === 0)
      await systemDb.claimBatch.update({
        where: { id: batchId },
        data: { status: "completed", finishedAt: new Date() },
      });
    return { processed, completed: left === 0 };
  } finally {
    await lock.end();
  }
}

async function tryTenantClaimLock(client: pg.Client, tenantId: string): Promise<boolean> {
  const got = await client.query<{ ok: boolean }>(
    "select pg_try_advisory_lock(hashtextextended($1, 0)) as ok",
    [`certdesk-claims:${tenantId}`],
  );
  return Boolean(got.rows[0]?.ok);
}

const recoverySelect = {
  id: true,
  tenantId: true,
  certId: true,
  certUrl: true,
  batchId: true,
  emailFingerprint: true,
  phoneFingerprint: true,
  createdById: true,
  createdByEmail: true,
} as const;
type RecoveryRow = {
  id: string;
  tenantId: string;
  certId: string;
  certUrl: string;
  batchId: string | null;
  emailFingerprint: string | null;
  phoneFingerprint: string | null;
  createdById: string | null;
  createdByEmail: string | null;
};

/**
 * A row whose request may or may not have happened: a GET (which never claims) tells. Claimed: settled from the
 * GET. Not claimed: a batch row is queued again (its request is long over), a single claim becomes "unknown" for a
 * person to check. No answer: left as it is for the next sweep.
 */
async function settleOrRequeue(row: RecoveryRow): Promise<void> {
  const scope = Object.assign(
    openTenantContext(row.tenantId, {
      kind: "system",
      name: "worker",
      onBehalfOf: { userId: row.createdById, email: row.createdByEmail },
    }),
    { actorId: row.createdById, actorEmail: row.createdByEmail },
  );
  // Asked with the key of the environment the row was sent to; an origin no longer allowed is not asked at all.
  const environment = environmentOfOrigin("trustedform", row.certUrl);
  if (!environment) return;
  const seen = await withTenantSecret(scope, "trustedform.api_key", environment, async (apiKey) =>
    apiKey ? viewClaim(row.certUrl, apiKey) : null,
  ).catch(() => undefined);
  if (seen === undefined) return;
  if (seen) {
    await settleRow(
      scope,
      row,
      claimedSettlement(seen, Boolean(row.emailFingerprint || row.phoneFingerprint)),
      "recovery",
    );
  } else if (row.batchId) {
    await systemDb.claim.updateMany({
      where: { id: row.id, status: "sending" },
      data: { status: "queued", lockedAt: null },
    });
  } else {
    await settleRow(
      scope,
      row,
      {
        status: "unknown",
        errorKind: "no_answer",
        errorMessage:
          "Certdesk stopped while this claim was under way, and TrustedForm shows no claim yet. Use Check again before claiming anew.",
      },
      "recovery",
    );
  }
}

/** The caller holds the tenant's claim lock: every batch row of the tenant still "sending" is an orphan. */
async function recoverOrphanedRows(tenantId: string): Promise<void> {
  for (;;) {
    const rows = await systemDb.claim.findMany({
      where: { tenantId, status: "sending", batchId: { not: null } },
      select: recoverySelect,
      take: 200,
    });
    if (!rows.length) return;
    await forEachLimited(rows, 16, settleOrRequeue);
    const left = await systemDb.claim.count({
      where: { id: { in: rows.map((r) => r.id) }, status: "sending" },
    });
    if (left === rows.length) return; // TrustedForm is not answering: the next sweep tries again
  }
}

/**
 * The worker's sweep. Batch rows left "sending" while nobody holds their tenant's claim lock belong to a dead worker:
 * recovered at once. Single claims (no lock) left "sending" longer than any request could take: recovered too.
 * Returns the batches that have work and nobody working them, for the caller to enqueue.
 */
export async function recoverStaleClaims(staleSeconds = STALE_SENDING_SECONDS): Promise<string[]> {
  const orphanTenants = await systemDb.$queryRaw<Array<{ tenantId: string }>>`
    select distinct "tenantId" from "Claim" where status = 'sending' and "batchId" is not null`;
  for (const { tenantId } of orphanTenants) {
    const lock = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await lock.connect();
    try {
      if (await tryTenantClaimLock(lock, tenantId)) await recoverOrphanedRows(tenantId);
    } finally {
      await lock.end(); // ends the session: the lock goes with it
    }
  }
  const stale = await systemDb.claim.findMany({
    where: {
      status: "sending",
      batchId: null,
      OR: [
        { lockedAt: { lt: new Date(Date.now() - staleSeconds * 1000) } },
        { lockedAt: null, createdAt: { lt: new Date(Date.now() - staleSeconds * 1000) } },
      ],
    },
    select: recoverySelect,
    take: 1000,
  });
  for (const row of stale) await settleOrRequeue(row);
  // Batches with rows still to claim whose tenant's claim lock nobody holds: nobody is working them (new, or their
  // worker died), so the caller enqueues them at once.
  const waiting = await systemDb.$queryRaw<Array<{ id: string; tenantId: string }>>`
    select b.id, b."tenantId" from "ClaimBatch" b
    where b.status = 'running'
      and exists (select 1 from "Claim" c where c."batchId" = b.id and c.status in ('queued', 'sending'))`;
  const idle: Array<{ id: string }> = [];
  if (waiting.length) {
    const probe = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await probe.connect();
    try {
      for (const batch of waiting) {
        if (!(await tryTenantClaimLock(probe, batch.tenantId))) continue;
        await probe.query("select pg_advisory_unlock(hashtextextended($1, 0))", [
          `certdesk-claims:${batch.tenantId}`,
        ]);
        idle.push(batch);
      }
    } finally {
      await probe.end();
    }
  }
  const finished = await systemDb.$queryRaw<Array<{ id: string }>>`
    select b.id from "ClaimBatch" b
    where b.status = 'running' and not exists (select 1 from "Claim" c where c."batchId" = b.id and c.status in ('queued', 'sending'))`;
  for (const batch of finished)
    await systemDb.claimBatch.update({
      where: { id: batch.id },
      data: { status: "completed", finishedAt: new Date() },
    });
  return idle.map((batch) => batch.id);
}
