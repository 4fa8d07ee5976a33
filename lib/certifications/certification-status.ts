// The states a certification passes through, and which of them are waiting (the list and the detail page poll while
// a certification is in one).
export const CERTIFICATION_STATUSES = [
  "uploading",
  "creating",
  "pending",
  "completed",
  "error",
  "unknown",
] as const;
export type CertificationStatusName = (typeof CERTIFICATION_STATUSES)[number];

/** Waiting states: the list polls while a row is in one of them. */
export const LIVE_STATUSES: readonly string[] = ["uploading", "creating", "pending"];
