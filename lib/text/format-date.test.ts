import { describe, expect, it } from "vitest";
import { formatClock, formatDate, formatDateTime, formatRelative, isoDateTime } from "./format-date";

describe("formatDateTime", () => {
  it("writes day, short month, year and a 24-hour time in UTC, naming the zone", () => {
    expect(formatDateTime(new Date("2026-12-06T09:14:05Z"))).toBe("6 Dec 2026, 09:14 UTC");
    expect(formatDateTime("2026-12-06T09:14:05Z", { seconds: true })).toBe("6 Dec 2026, 09:14:05 UTC");
  });

  it("shows the UTC day even when the moment is another day in an American zone", () => {
    expect(formatDateTime("2026-01-01T02:30:00Z")).toBe("1 Jan 2026, 02:30 UTC");
    expect(formatDate("2026-01-01T02:30:00Z")).toBe("1 Jan 2026");
  });

  it("writes midnight as 00, not 24", () => {
    expect(formatDateTime("2026-03-01T00:05:00Z")).toBe("1 Mar 2026, 00:05 UTC");
    expect(formatClock("2026-03-01T00:05:00Z")).toBe("00:05 UTC");
  });

  it("answers a dash for what is not a date (a corrupt value from a JSON column)", () => {
    expect(formatDateTime("not a date")).toBe("—");
    expect(formatDate(Number.NaN)).toBe("—");
    expect(formatRelative("garbage", new Date())).toBe("—");
    expect(isoDateTime("garbage")).toBe("");
  });

  it("accepts epoch milliseconds and ISO strings alike", () => {
    const ms = Date.UTC(2026, 11, 6, 9, 14);
    expect(formatDateTime(ms)).toBe(formatDateTime(new Date(ms).toISOString()));
    expect(isoDateTime(ms)).toBe("2026-12-06T09:14:00.000Z");
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it("says just now within 45 seconds either way", () => {
    expect(formatRelative(at(-44), now)).toBe("just now");
    expect(formatRelative(at(30), now)).toBe("just now");
  });

  it("counts minutes, hours and days in the past and in the future", () => {
    expect(formatRelative(at(-3 * 60), now)).toBe("3 minutes ago");
    expect(formatRelative(at(-2 * 3600 - 100), now)).toBe("2 hours ago");
    expect(formatRelative(at(2 * 24 * 3600 + 5), now)).toBe("in 2 days");
    expect(formatRelative(at(-24 * 3600), now)).toBe("yesterday");
    expect(formatRelative(at(24 * 3600), now)).toBe("tomorrow");
  });

  it("never promises more time than is left: 47 hours is 1 day, not 2", () => {
    expect(formatRelative(at(47 * 3600), now)).toBe("tomorrow");
  });

  it("goes up to weeks, months and years", () => {
    expect(formatRelative(at(-15 * 24 * 3600), now)).toBe("2 weeks ago");
    expect(formatRelative(at(400 * 24 * 3600), now)).toBe("next year");
  });
});
