// Group commit of a batch's settled rows: a runner hands over its settled row and waits until it is committed.
// While one transaction is being written, the rows that finish meanwhile gather and go together in the next, so the
// database sees a few large writes instead of one small transaction per claim.
import type { TenantContext } from "@/lib/core/tenant-context";
import type { Settlement } from "./claim-settlement";
import { writeSettledRows, type SettledRow } from "./claim-batch-sql";

interface Waiting extends SettledRow {
  done: (error?: unknown) => void;
}

export class SettlementGroupCommit {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly context: TenantContext) {}

  /** Resolves once the row and its audit entry are committed; rejects when their transaction failed. */
  settle(row: SettledRow["row"], settle: Settlement): Promise<void> {
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
          await writeSettledRows(this.context, items);
          for (const item of items) item.done();
        } catch (error) {
          for (const item of items) item.done(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
