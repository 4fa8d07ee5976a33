// The reviewer's queue: claims still to review, those failing their policy's rules first (with the rules' words),
// then the rest; newest first within each. Keyset pagination on that order (the group, then createdAt and id), so a
// page is an index scan that stops after a page of rows (the partial indexes of
// 20261206104619_review_queue_indexes_usable), at the first page as at the ten-thousandth; a cursor also keeps its
// place while the queue shrinks as it is worked through. The counts are bounded (bounded-count.ts).
import type { TenantContext } from "@/lib/core/tenant-context";
import { afterCursor, decodeCursor, encodeCursor, NEWEST_FIRST, type KeysetCursor } from "@/lib/core/keyset";
import { BOUNDED } from "./bounded-count";
import { UNREVIEWED } from "./claim-filters";
import { failedRuleWords } from "./failed-rule-words";

const select = {
  id: true,
  certId: true,
  vendor: true,
  reference: true,
  apiVersion: true,
  verdict: true,
  verdictRules: true,
  fingerprintMatch: true,
  forbiddenFound: true,
  claimedAt: true,
  createdAt: true,
} as const;

export const FAILING = { ...UNREVIEWED, verdict: "fail" as const };
export const NOT_FAILING = { ...UNREVIEWED, OR: [{ verdict: null }, { verdict: "pass" as const }] };

/** A place in the queue: in the failing group ("f") or the rest ("r"), after (createdAt, id). */
export interface QueueCursor extends KeysetCursor {
  group: "f" | "r";
}

export function encodeQueueCursor(group: "f" | "r", row: { createdAt: Date; id: string }): string {
  return `${group}.${encodeCursor(row)}`;
}

export function decodeQueueCursor(value: string | undefined): QueueCursor | null {
  const match = /^([fr])\.([A-Za-z0-9_-]{1,200})$/.exec(value ?? "");
  const cursor = match ? decodeCursor(match[2]) : null;
  return match && cursor ? { group: match[1] as "f" | "r", ...cursor } : null;
}

export async function listReviewQueue(context: TenantContext, after: QueueCursor | null = null, limit = 50) {
  const page = (where: object, cursor: KeysetCursor | null, take: number) =>
    context.db.claim.findMany({
      where: { AND: [where, afterCursor(cursor)] },
      orderBy: NEWEST_FIRST,
      take,
      select,
    });
  const [failing, total, first] = await Promise.all([
    context.db.claim.count({ where: FAILING, ...BOUNDED }),
    context.db.claim.count({ where: UNREVIEWED, ...BOUNDED }),
    // One row more than the page: it tells whether there is a next page.
    after?.group === "r" ? [] : page(FAILING, after, limit + 1),
  ]);
  const rest =
    first.length <= limit
      ? await page(NOT_FAILING, after?.group === "r" ? after : null, limit + 1 - first.length)
      : [];
  const all = [
    ...first.map((row) => ({ group: "f" as const, row })),
    ...rest.map((row) => ({ group: "r" as const, row })),
  ];
  const shown = all.slice(0, limit);
  const last = shown[shown.length - 1];
  const rows = shown.map(({ row: { verdictRules, ...row } }) => ({
    ...row,
    failedRules: row.verdict === "fail" ? failedRuleWords(verdictRules) : [],
  }));
  return {
    rows,
    /** Bounded counts: more than 10,000 reads as 10,001. */
    total,
    failing,
    next: all.length > limit && last ? encodeQueueCursor(last.group, last.row) : null,
  };
}
