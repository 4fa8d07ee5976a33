// Polls one pending certification (so a lost webhook never leaves it pending): asks TrueScreen, applies a verdict,
// and otherwise asks again later with backoff. The worker leases the due ones across tenants (lib/jobs).
import type { TenantContext } from "@/lib/core/tenant-context";
import { getCertification } from "@/lib/truescreen/client";
import { applyLookup, type Applied } from "./apply-lookup";
import { tenantTrueScreen } from "./truescreen-account";

/** Poll backoff: 2 s, 3 s, 4.5 s, ... capped at 30 s, so a certification settles within a minute of completion. */
export function nextPollDelaySeconds(pollCount: number): number {
  return Math.min(2 * 1.5 ** pollCount, 30);
}

export async function pollCertification(
  ctx: TenantContext,
  due: { id: string; reportId: string; pollCount: number },
): Promise<Applied> {
  let applied: Applied = "unchanged";
  try {
    const truescreen = await tenantTrueScreen(ctx);
    const lookup = await getCertification(truescreen.account, due.reportId);
    applied = await applyLookup(ctx, due.id, lookup, "poll");
  } catch {
    // Not a verdict (network, gateway, key removed): ask again later.
  }
  if (applied === "unchanged")
    await ctx.db.certification.updateMany({
      where: { id: due.id, status: "pending" },
      data: {
        pollCount: { increment: 1 },
        nextPollAt: new Date(Date.now() + nextPollDelaySeconds(due.pollCount) * 1000),
      },
    });
  return applied;
}
