// The claims before and after one in the reviewer's queue (list-review-queue.ts: failing their policy first, then
// newest first), for "Next unreviewed" and the j/k keys. Works from a claim that was just decided (it has left the
// queue, its place has not) and from one never in it (then next is the queue's first claim).
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { FAILING, NOT_FAILING } from "./list-review-queue";

type Where = typeof FAILING | typeof NOT_FAILING;

async function firstId(context: TenantContext, where: object, direction: "asc" | "desc") {
  const row = await context.db.claim.findFirst({
    where,
    orderBy: [{ createdAt: direction }, { id: direction }],
    select: { id: true },
  });
  return row?.id ?? null;
}

export async function findReviewNeighbours(
  context: TenantContext,
  claimId: string,
): Promise<{ next: string | null; previous: string | null }> {
  const claim = isUuid(claimId)
    ? await context.db.claim.findUnique({
        where: { id: claimId },
        select: { id: true, createdAt: true, verdict: true, status: true },
      })
    : null;
  if (!claim || claim.status !== "claimed") {
    const next = (await firstId(context, FAILING, "desc")) ?? (await firstId(context, NOT_FAILING, "desc"));
    return { next: next === claimId ? null : next, previous: null };
  }
  const group: Where = claim.verdict === "fail" ? FAILING : NOT_FAILING;
  // Each with a plain range on createdAt first, so that PostgreSQL walks the queue's index from the claim's place
  // instead of filtering an OR from the start of the queue (lib/core/keyset.ts).
  const at = claim.createdAt;
  const older = { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { id: { lt: claim.id } }] };
  const newer = { createdAt: { gte: at }, OR: [{ createdAt: { gt: at } }, { id: { gt: claim.id } }] };
  let next = await firstId(context, { AND: [group, older] }, "desc");
  if (!next && group === FAILING) next = await firstId(context, NOT_FAILING, "desc");
  let previous = await firstId(context, { AND: [group, newer] }, "asc");
  if (!previous && group === NOT_FAILING) previous = await firstId(context, FAILING, "asc");
  return { next, previous };
}
