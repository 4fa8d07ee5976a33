// The credits check the consumer queues after a completed certification (lib/jobs/notice-jobs.ts runs it): reads the
// TrueScreen balance and tells the tenant's admins once when it falls below the threshold. `creditsLow` remembers the
// crossing, so further checks below the threshold say nothing, and a balance back at or above it (a top-up) arms the
// next notice.
import { getCreditsBalance } from "@/lib/certifications/get-credits-balance";
import type { TenantContext } from "@/lib/core/tenant-context";
import type { NoticeJobSender } from "./notice-jobs";
import { tenantAdmins, writeNotices } from "./write-notices";

export type CreditsCheck = "no-threshold" | "no-balance" | "crossed" | "still-low" | "above" | "rearmed";

export async function checkCreditsThreshold(
  ctx: TenantContext,
  jobs: NoticeJobSender,
  seq: number,
): Promise<CreditsCheck> {
  const before = await ctx.db.noticeSettings.findUnique({ where: { tenantId: ctx.tenantId } });
  if (before?.creditsThreshold == null) return "no-threshold";
  const balance = await getCreditsBalance(ctx, 10_000);
  // No key, TrueScreen silent or a balance it does not state: nothing to compare; the next completion checks again.
  if (!balance.ok || balance.credits === null) return "no-balance";
  const credits = balance.credits;
  return ctx.transaction(async (tx) => {
    // Read again in the transaction, locked: two checks at once tell the crossing once.
    const settings = await tx.db.noticeSettings.update({
      where: { tenantId: tx.tenantId },
      data: { creditsSeen: credits, creditsCheckedAt: new Date() },
    });
    const threshold = settings.creditsThreshold;
    if (threshold == null) return "no-threshold";
    if (credits >= threshold) {
      if (!settings.creditsLow) return "above";
      await tx.db.noticeSettings.update({ where: { tenantId: tx.tenantId }, data: { creditsLow: false } });
      return "rearmed";
    }
    if (settings.creditsLow) return "still-low";
    await tx.db.noticeSettings.update({ where: { tenantId: tx.tenantId }, data: { creditsLow: true } });
    await writeNotices(
      tx,
      jobs,
      seq,
      {
        title: `TrueScreen credits are low: ${credits} left`,
        body: `The balance fell below this tenant's threshold of ${threshold} credits. Top up before certifications are refused.`,
        link: "/certifications",
      },
      (await tenantAdmins(tx)).map((userId) => ({ userId, kind: "credits_low" as const })),
    );
    return "crossed";
  });
}
