// Many reviewer decisions in one action: the claims a filter matches (the claims page's query, decided on the server,
// not only the page shown) or a list of ids, accepted or rejected with one reason. Only claims still to review are
// decided (claimed, undecided); ids of another tenant or of nothing are simply not found. Work goes in batches, each
// one transaction in which every claim's decision and its own audit entry commit together. As for one decision
// (decide-claim.ts), accepting claims that fail their policy needs a reason: without one nothing is decided.
import { z } from "zod";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { BOUNDED, countWords } from "./bounded-count";
import { claimFilters, claimWhere, UNREVIEWED } from "./claim-filters";

export const MAX_DECISION_IDS = 1000;
const BATCH = 500;

export const bulkDecisionInput = z
  .object({
    ids: z
      .array(z.string().max(64))
      .max(MAX_DECISION_IDS, "Select at most 1,000 claims, or all matching the filter.")
      .optional(),
    /** The claims page's filters, as in its URL (claim-filters.ts reads them). */
    filter: z.record(z.string().max(64), z.string().max(300)).optional(),
    decision: z.enum(["accepted", "rejected"]),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((input) => (input.ids === undefined) !== (input.filter === undefined), {
    message: "Decide either the selected claims or all matching a filter.",
  })
  .refine((input) => input.decision === "accepted" || (input.reason ?? "").length >= 3, {
    message: "Say why the claims are rejected (a few words).",
  });
export type BulkDecisionInput = z.infer<typeof bulkDecisionInput>;

export async function decideClaims(
  context: TenantContext,
  input: BulkDecisionInput,
): Promise<{ decided: number }> {
  const member = memberOf(context.actor);
  const checked = bulkDecisionInput.safeParse(input);
  if (!checked.success) throw new UserFacingError(checked.error.issues[0]?.message ?? "Check the decision.");
  const { ids, filter, decision } = checked.data;
  const reason = checked.data.reason || null;
  let scope: object;
  if (filter) {
    const filters = claimFilters.safeParse(Object.fromEntries(Object.entries(filter).filter(([, v]) => v)));
    if (!filters.success) throw new UserFacingError(filters.error.issues[0]?.message ?? "Check the filters.");
    scope = claimWhere(filters.data);
  } else {
    scope = { id: { in: [...new Set(ids!.filter(isUuid))] } };
  }
  const where = { AND: [scope, UNREVIEWED] };

  if (decision === "accepted" && !reason) {
    // Bounded: the words only need to say how many, up to "more than 10,000".
    const failing = await context.db.claim.count({
      where: { AND: [where, { verdict: "fail" as const }] },
      ...BOUNDED,
    });
    if (failing)
      throw new UserFacingError(
        `${countWords(failing)} of these claims fail their policy's rules: say why you accept them anyway (a few words).`,
      );
  }

  let decided = 0;
  for (;;) {
    const done = await context.transaction(
      async (tx) => {
        const batch = await tx.db.claim.findMany({
          where,
          orderBy: { id: "asc" },
          take: BATCH,
          select: { id: true },
        });
        if (!batch.length) return 0;
        const decidedAt = new Date();
        // Only those still undecided now: another reviewer may have decided some since they were read.
        const rows = await tx.db.claim.updateManyAndReturn({
          where: { id: { in: batch.map((row) => row.id) }, ...UNREVIEWED },
          data: { decision, decisionReason: reason, decidedByEmail: member.email, decidedAt },
          select: { id: true, certId: true, verdict: true },
        });
        const entries = rows.map((claim) => {
          const againstVerdict =
            (claim.verdict === "fail" && decision === "accepted") ||
            (claim.verdict === "pass" && decision === "rejected");
          // Checked above; checked again here, as a claim's verdict may have been set since.
          if (claim.verdict === "fail" && decision === "accepted" && !reason)
            throw new UserFacingError(
              "Some of these claims fail their policy's rules: say why you accept them anyway (a few words).",
            );
          return {
            action: `claim.${decision}`,
            target: { type: "claim", id: claim.id },
            details: {
              certId: claim.certId,
              reason,
              bulk: true,
              ...(claim.verdict ? { verdict: claim.verdict, againstVerdict } : {}),
            },
          };
        });
        // One entry per claim, appended together: same chain, same hashes as one by one.
        await tx.auditMany(entries);
        // A batch whose rows were all decided elsewhere meanwhile decided none, but the queue moved on.
        return rows.length || (batch.length ? -1 : 0);
      },
      { timeout: 120_000 },
    );
    if (done === 0) break;
    if (done > 0) decided += done;
  }
  if (decided)
    await context.audit(
      "claims.decided",
      { type: "claims" },
      { decision, count: decided, reason, ...(filter ? { filter } : { ids: ids!.length }) },
    );
  return { decided };
}
