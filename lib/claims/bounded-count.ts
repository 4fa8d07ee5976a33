// Counts shown on the review desk stop at 10,000: past that, "more than 10,000" is all a reviewer needs, and counting
// a million undecided claims costs a scan of them all on every page. A bounded count reads at most 10,001 index
// entries: Prisma's `count({ take })` is `select count(*) from (select … order by … limit 10001)`, ordered by id
// unless told otherwise, and ordered by id PostgreSQL walked the primary key filtering every claim of every tenant
// (1.1 s at 300,000 claims with 5% to review); ordered newest first, it walks the queue's partial index (or the
// list's) and stops. Only what is shown is bounded: a bulk decision on "all matching" decides every matching claim
// on the server (decide-claims.ts).
export const COUNT_CAP = 10_000;

/** `take` for a bounded count: one past the cap, so that "more than 10,000" can be told from exactly 10,000. */
export const COUNT_TAKE = COUNT_CAP + 1;

/** The arguments that bound a claim count: `count({ where, ...BOUNDED })`. */
export const BOUNDED = {
  take: COUNT_TAKE,
  orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
};

/** A bounded count in words: "1,234", or "more than 10,000". */
export function countWords(count: number): string {
  return count > COUNT_CAP ? `more than ${COUNT_CAP.toLocaleString("en")}` : count.toLocaleString("en");
}
