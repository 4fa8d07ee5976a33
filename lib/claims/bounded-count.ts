// Counts shown on the review desk stop at 10,000: past that, "more than 10,000" is all a reviewer needs, and counting
// a million undecided claims costs a scan of them all on every page. A bounded count reads at most 10,001 index
// entries (Prisma's `count({ take })` is `select count(*) from (select … limit 10001)`). Only what is shown is
// bounded: a bulk decision on "all matching" decides every matching claim on the server (decide-claims.ts).
export const COUNT_CAP = 10_000;

/** `take` for a bounded count: one past the cap, so that "more than 10,000" can be told from exactly 10,000. */
export const COUNT_TAKE = COUNT_CAP + 1;

/** A bounded count in words: "1,234", or "more than 10,000". */
export function countWords(count: number): string {
  return count > COUNT_CAP ? `more than ${COUNT_CAP.toLocaleString("en")}` : count.toLocaleString("en");
}
