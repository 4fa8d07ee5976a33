// What every log line of one request (or one job) carries: the request id that Certdesk's HTTP server sets
// (scripts/lib/web-server.ts) and the tenant id once a gate knows it. One AsyncLocalStorage for the process, kept on
// globalThis: the web server is loaded by tsx and the route code by Next.js's bundle, two copies of this module
// that must share one store.
import { AsyncLocalStorage } from "node:async_hooks";

export interface LogContext {
  requestId?: string;
  tenantId?: string;
  /** A worker's job: its queue name. */
  job?: string;
}

const KEY = Symbol.for("certdesk.log-context");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<LogContext> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<LogContext>());

/** Runs `work` with `context` on every log line written inside it (and inside what it awaits). */
export function runWithLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run({ ...context }, work);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/**
 * A gate names the tenant: the rest of the request's lines carry it. Only a request's: one worker job may go
 * through several tenants' rows, one after the other or at once, so its lines would be mislabelled (they carry
 * `job`, and name a tenant themselves where it matters). No context: nothing to do.
 */
export function bindLogTenant(tenantId: string): void {
  const context = storage.getStore();
  if (context?.requestId && !context.job) context.tenantId = tenantId;
}
