// The one way Certdesk writes a moment: "6 Dec 2026, 09:14 UTC". Always in UTC and saying so, so that the server's
// HTML and the browser's render agree (no hydration mismatch) and an auditor reading a screenshot knows the zone.
// Relative words ("3 minutes ago", "in 2 days") depend on the clock, so they are computed from a `now` the caller
// passes (components/ui/time.tsx does so only in the browser, after hydration).

export const DISPLAY_TIME_ZONE = "UTC";

const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: DISPLAY_TIME_ZONE,
});
const dateTimeSeconds = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: DISPLAY_TIME_ZONE,
});
const dateOnly = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: DISPLAY_TIME_ZONE,
});
const clockOnly = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: DISPLAY_TIME_ZONE,
});
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export type DateInput = Date | string | number;

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

function valid(value: DateInput): Date | null {
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "6 Dec 2026, 09:14 UTC" (with `seconds`: "6 Dec 2026, 09:14:05 UTC"); "—" for an invalid date. */
export function formatDateTime(value: DateInput, options: { seconds?: boolean } = {}): string {
  const date = valid(value);
  if (!date) return "—";
  return `${(options.seconds ? dateTimeSeconds : dateTime).format(date)} ${DISPLAY_TIME_ZONE}`;
}

/** "6 Dec 2026" (the day in UTC). */
export function formatDate(value: DateInput): string {
  const date = valid(value);
  return date ? dateOnly.format(date) : "—";
}

/** "09:14 UTC". */
export function formatClock(value: DateInput): string {
  const date = valid(value);
  return date ? `${clockOnly.format(date)} ${DISPLAY_TIME_ZONE}` : "—";
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/**
 * "just now", "3 minutes ago", "in 2 days", "yesterday": the largest whole unit, rounded toward zero so that a link
 * expiring in 47 hours says "in 1 day", never more time than there is.
 */
export function formatRelative(value: DateInput, now: DateInput): string {
  const date = valid(value);
  const reference = valid(now);
  if (!date || !reference) return "—";
  const seconds = (date.getTime() - reference.getTime()) / 1000;
  if (Math.abs(seconds) < 45) return "just now";
  for (const [unit, size] of UNITS) {
    const amount = Math.trunc(seconds / size);
    if (amount !== 0) return relative.format(amount, unit);
  }
  return relative.format(Math.sign(seconds), "minute");
}

/** The machine-readable form for `<time dateTime>`. */
export function isoDateTime(value: DateInput): string {
  const date = valid(value);
  return date ? date.toISOString() : "";
}
