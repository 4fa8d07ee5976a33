// Applies TrueScreen's word on a certification, from a poll or a webhook. Only a certification still waiting
// (pending, or unknown/creating when TrueScreen proves it exists) changes, once: a second delivery is a no-op.
import type { TenantContext } from "@/lib/core/tenant-context";
import type { CertificationLookup } from "@/lib/truescreen/client";

export type Applied = "completed" | "error" | "unchanged";

export async function applyLookup(
  ctx: TenantContext,
  certificationId: string,
  lookup: CertificationLookup,
  source: "webhook" | "poll",
): Promise<Applied> {
  if (lookup.kind === "state" && lookup.state.status !== "completed") return "unchanged";
  return ctx.transaction(async (tx) => {
    const now = new Date();
    const data =
      lookup.kind === "state"
        ? {
            status: "completed" as const,
            // Learnt here when the create answer could not be read or was lost (never replaces another id: see
            // the where below).
            reportId: lookup.state.report_id,
            completedAt: now,
            nextPollAt: null,
            archiveNextAt: now,
            errorCode: null,
            errorDetail: null,
            errorMessage: null,
          }
        : {
            status: "error" as const,
            nextPollAt: null,
            errorCode: lookup.problem.code,
            errorDetail: lookup.problem.detail,
            errorMessage: lookup.problem.message,
          };
    const updated = await tx.db.certification.updateMany({
      where: {
        id: certificationId,
        status: { in: ["pending", "creating", "unknown"] },
        ...(lookup.kind === "state"
          ? { OR: [{ reportId: null }, { reportId: lookup.state.report_id }] }
          : {}),
      },
      data,
    });
    if (updated.count !== 1) return "unchanged";
    await tx.audit(
      data.status === "completed" ? "certification.completed" : "certification.failed",
      { type: "certification", id: certificationId },
      { via: source, ...(data.status === "error" ? { code: data.errorCode } : {}) },
    );
    return data.status;
  });
}
