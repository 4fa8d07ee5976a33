// The one way the overview sorts a claim by how it ended, so that every chart and table adds up the same way. The
// database applies it (certdesk_claim_overview_facts, migration overview_rollup): TrustedForm's outcome first, then
// the claim's status: failed is "not claimed" (nothing was claimed), queued / sending / unknown are still in flight.
export const CLAIM_CATEGORIES = ["success", "failure", "notClaimed", "inFlight", "noOutcome"] as const;
export type ClaimCategory = (typeof CLAIM_CATEGORIES)[number];

export const CLAIM_CATEGORY_LABELS: Record<ClaimCategory, string> = {
  success: "Success",
  failure: "Failure",
  notClaimed: "Not claimed",
  inFlight: "Queued, sending or answer lost",
  noOutcome: "Claimed, no outcome",
};

export type CategoryCounts = Record<ClaimCategory, number>;

export const zeroCounts = (): CategoryCounts => ({
  success: 0,
  failure: 0,
  notClaimed: 0,
  inFlight: 0,
  noOutcome: 0,
});

export const totalOf = (counts: CategoryCounts) =>
  CLAIM_CATEGORIES.reduce((sum, key) => sum + counts[key], 0);

/** Adds a count of the "outcome" metric to a set of counts (labels the database does not know are ignored). */
export function addCount(counts: CategoryCounts, label: string, count: number) {
  if ((CLAIM_CATEGORIES as readonly string[]).includes(label)) counts[label as ClaimCategory] += count;
}
