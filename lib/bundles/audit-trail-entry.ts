// The audit entries about one certification or claim, as a bundle file: JSON lines in chain order, each line exactly
// as the tenant's audit export writes it (lib/audit/format-audit-export.ts), so an auditor can find every line in the
// full export, where the hash chain is verified. Read page by page: a long history never sits in memory at once.
import type { TenantContext } from "@/lib/core/tenant-context";
import { auditJsonLine } from "@/lib/audit/format-audit-export";
import type { BundleEntry } from "./zip-bundle";

const PAGE = 500;

export function auditTrailEntry(
  ctx: TenantContext,
  target: { type: string; id: string },
  path: string,
): BundleEntry {
  async function* lines() {
    let after = 0;
    for (;;) {
      const rows = await ctx.db.auditEntry.findMany({
        where: { targetType: target.type, targetId: target.id, seq: { gt: after } },
        orderBy: { seq: "asc" },
        take: PAGE,
      });
      for (const row of rows) yield auditJsonLine(row);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.seq;
    }
  }
  return { path, open: async () => lines(), about: { role: "audit-entries", target } };
}
