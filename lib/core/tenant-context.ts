// What every domain verb is handed: whose data (the tenant), who acts (a member or the system), the database confined
// to that tenant, and an audit helper that appends to the tenant's chain in the same transaction as the change.
// Only the gates build one (lib/tenancy/open-tenant-context.ts: the member gate of pages, actions and route handlers,
// and the workers and the webhook receiver per job); never from a request body.
import type { TenantQueries } from "@/lib/db/tenant-scope";
import type { Actor } from "./actor";

export interface AuditTarget {
  type: string;
  id?: string | null;
}

export interface TenantContext {
  readonly tenantId: string;
  readonly actor: Actor;
  /** The tenant's data; inside `transaction`, the transaction's. */
  readonly db: TenantQueries;
  /** Appends to the tenant's audit chain, inside the current transaction when there is one. */
  audit(action: string, target: AuditTarget | null, details?: Record<string, unknown>): Promise<void>;
  /**
   * Appends several entries in order, in one go (one lock, one read of the chain's head): for actions that change
   * many rows, each with its own entry. Inside the current transaction when there is one.
   */
  auditMany(
    entries: Array<{ action: string; target: AuditTarget | null; details?: Record<string, unknown> }>,
  ): Promise<void>;
  /** Runs `work` in one transaction (joins the current one when already inside). */
  transaction<T>(work: (tx: TenantContext) => Promise<T>, options?: { timeout?: number }): Promise<T>;
}
