// An archive attempt failed (TrueScreen, the artifact host or evidence storage): the reason is kept for the page and
// the next attempt is due after a backoff, so a lasting failure costs little and a passing one heals by itself.
import type { TenantContext } from "@/lib/core/tenant-context";
import { TrueScreenProblem } from "@/lib/truescreen/client";

/** Archive retries: 5 s, 10 s, 20 s, ... capped at 10 minutes. */
export function nextArchiveDelaySeconds(attempts: number): number {
  return Math.min(5 * 2 ** attempts, 600);
}

export async function postponeArchive(
  ctx: TenantContext,
  attempt: { id: string; archiveAttempts: number },
  error: unknown,
): Promise<void> {
  const message =
    error instanceof TrueScreenProblem
      ? error.message
      : error instanceof Error
        ? error.message
        : "unknown error";
  await ctx.db.certification.updateMany({
    where: { id: attempt.id, archivedAt: null },
    data: {
      archiveAttempts: { increment: 1 },
      archiveError: message.slice(0, 500),
      archiveNextAt: new Date(Date.now() + nextArchiveDelaySeconds(attempt.archiveAttempts) * 1000),
    },
  });
}
