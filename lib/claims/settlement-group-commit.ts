// Group commit of a batch's settled rows: a runner hands over its settled row and waits until it is committed.
// While one transaction is being written, the rows that finish meanwhile gather and go together in the next, so the
// database sees a few large writes instead of one small transaction per claim.
import type { TenantContext } from "@/lib/core/tenant-context";
import type { Claim } from "@/generated/prisma/client";
import type { Settlement } from "./claim-settlement";
import { writeSettledRows, type SettledRow } from "./claim-batch-sql";

interface Waiting extends SettledRow {
  done: (error: unknown, settled?: Claim) => void;
}

export class SettlementGroupCommit {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly context: TenantContext,
    /** Whether settle() resolves with the settled row as Prisma reads it (single claims), or with null (batches). */
    private readonly returnRows = false,
  ) {}

  /**
   * Resolves once the row and its audit entry are committed (with the settled row when asked for, null when it was
   * not or the row was no longer sending); rejects when their transaction failed.
   */
  settle(row: SettledRow["row"], settle: Settlement, audit?: SettledRow["audit"]): Promise<Claim | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        row,
        settle,
        audit,
        done: (error, settled) => (error ? reject(error) : resolve(settled ?? null)),
      });
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
          const settled = await writeSettledRows(this.context, items, { returnRows: this.returnRows });
          for (const item of items) item.done(null, settled.get(item.row.id));
        } catch (error) {
          for (const item of items) item.done(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** Nothing waiting and nothing being written. */
  get idle(): boolean {
    return !this.writing && this.waiting.length === 0;
  }
}

const singleClaims = new Map<string, SettlementGroupCommit>();

/**
 * Settles one claim (a form's or the API's) and answers its settled row (null if it was no longer sending) through its tenant's group commit in this process: the row's final state
 * and its audit entry commit together, in one transaction with the other claims of the tenant that settle meanwhile.
 * Each claim used to take the tenant's audit-chain lock in a transaction of its own, so at a hundred claims a second
 * they queued on that lock while holding pooled connections, and every other statement queued behind them.
 */
export async function settleSingleClaim(
  context: TenantContext,
  row: SettledRow["row"],
  settle: Settlement,
  audit: NonNullable<SettledRow["audit"]>,
): Promise<Claim | null> {
  let commit = singleClaims.get(context.tenantId);
  if (!commit) {
    // The commit uses the context only for its tenant id (and a batch's actor); a single claim's entry names its own.
    commit = new SettlementGroupCommit(context, true);
    singleClaims.set(context.tenantId, commit);
  }
  try {
    return await commit.settle(row, settle, audit);
  } finally {
    if (commit.idle && singleClaims.get(context.tenantId) === commit) singleClaims.delete(context.tenantId);
  }
}
