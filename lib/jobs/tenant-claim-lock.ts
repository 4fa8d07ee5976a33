// One worker at a time claims a tenant's batches: it holds the tenant's claim lock, a session advisory lock on a
// connection of its own, which PostgreSQL releases when the worker dies. So a batch row found "sending" while nobody
// holds that lock belongs to a dead worker, and is recovered at once, not after a timeout.
import { pgClient, type pg } from "@/lib/db/pg-connections";

export class TenantBusyError extends Error {
  constructor() {
    super("Another worker is claiming this tenant's batches; this one will be retried.");
    this.name = "TenantBusyError";
  }
}

const lockKey = (tenantId: string) => `certdesk-claims:${tenantId}`;

async function tryLock(client: pg.Client, tenantId: string): Promise<boolean> {
  const got = await client.query<{ ok: boolean }>(
    "select pg_try_advisory_lock(hashtextextended($1, 0)) as ok",
    [lockKey(tenantId)],
  );
  return Boolean(got.rows[0]?.ok);
}

/**
 * Runs `work` holding the tenant's claim lock; throws TenantBusyError when another worker holds it. The lock's
 * connection is named after this process, so that an operator (or the benchmark) can tell which worker holds a
 * tenant's batches.
 */
export async function withTenantClaimLock<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
  const lock = await pgClient(`certdesk-claims-lock:${process.pid}`);
  try {
    if (!(await tryLock(lock, tenantId))) throw new TenantBusyError();
    return await work();
  } finally {
    await lock.end(); // ends the session: the lock goes with it
  }
}

/** Of the tenants given, those whose claim lock nobody holds now (nobody is working their batches). */
export async function tenantsWithoutClaimWorker(tenantIds: string[]): Promise<Set<string>> {
  const free = new Set<string>();
  if (!tenantIds.length) return free;
  const probe = await pgClient(`certdesk-claims-probe:${process.pid}`);
  try {
    for (const tenantId of new Set(tenantIds)) {
      if (!(await tryLock(probe, tenantId))) continue;
      await probe.query("select pg_advisory_unlock(hashtextextended($1, 0))", [lockKey(tenantId)]);
      free.add(tenantId);
    }
  } finally {
    await probe.end();
  }
  return free;
}
