import { describe, expect, it } from "vitest";
import { MAX_RANGE_DAYS, parseOverviewFilters, rangeDays, weeksOf } from "./overview-filters";

const now = new Date("2026-03-10T15:00:00Z");

describe("parseOverviewFilters", () => {
  it("defaults to the 30 days ending today (UTC) and every vendor", () => {
    expect(parseOverviewFilters({}, now)).toEqual({
      filters: { from: "2026-02-09", to: "2026-03-10", vendor: null },
      refused: [],
    });
  });

  it("keeps valid dates and a vendor, trimmed, and takes the first of repeated parameters", () => {
    const parsed = parseOverviewFilters(
      { from: ["2026-03-01", "1999-01-01"], to: "2026-03-07", vendor: "  Acme " },
      now,
    );
    expect(parsed).toEqual({
      filters: { from: "2026-03-01", to: "2026-03-07", vendor: "Acme" },
      refused: [],
    });
  });

  it.each([
    ["2026-02-30", "is not a calendar day"],
    ["2026-13-01", "is not a calendar day"],
    ["yesterday", "is not a date written YYYY-MM-DD"],
    ["2026-03-01' OR 1=1 --", "is not a date written YYYY-MM-DD"],
    ["<img src=x onerror=alert(1)>", "is not a date written YYYY-MM-DD"],
    ["1999-12-31", "is outside 2000 to 2100"],
    ["9999-01-01", "is outside 2000 to 2100"],
  ])("refuses the start date %j in words and uses the default", (from, words) => {
    const parsed = parseOverviewFilters({ from, to: "2026-03-07" }, now);
    expect(parsed.filters).toEqual({ from: "2026-02-06", to: "2026-03-07", vendor: null });
    expect(parsed.refused).toEqual([`The start date ${words}, so it was not applied.`]);
  });

  it("refuses a bad end date and ends the range today", () => {
    const parsed = parseOverviewFilters({ to: "2026-02-29" }, now);
    expect(parsed.filters.to).toBe("2026-03-10");
    expect(parsed.refused).toEqual(["The end date is not a calendar day, so it was not applied."]);
  });

  it("shortens a huge range to the last MAX_RANGE_DAYS days and says so", () => {
    const parsed = parseOverviewFilters({ from: "2000-01-01", to: "2100-12-31" }, now);
    expect(parsed.filters).toEqual({ from: "2099-12-31", to: "2100-12-31", vendor: null });
    expect(rangeDays(parsed.filters)).toBe(MAX_RANGE_DAYS);
    expect(parsed.refused).toEqual([
      "The range was longer than 366 days, so it was shortened to the 366 days ending 2100-12-31.",
    ]);
  });

  it("swaps a start after the end", () => {
    const parsed = parseOverviewFilters({ from: "2026-03-07", to: "2026-03-01" }, now);
    expect(parsed.filters).toMatchObject({ from: "2026-03-01", to: "2026-03-07" });
    expect(parsed.refused).toEqual(["The start date was after the end date, so the dates were swapped."]);
  });

  it("refuses a vendor that is too long or holds control characters, and keeps SQL and HTML as plain text", () => {
    expect(parseOverviewFilters({ vendor: "v".repeat(201) }, now)).toMatchObject({
      filters: { vendor: null },
      refused: ["The vendor is longer than 200 characters, so it was not applied."],
    });
    expect(parseOverviewFilters({ vendor: "Acme\u0000Leads" }, now).refused).toEqual([
      "The vendor holds control characters, so it was not applied.",
    ]);
    const hostile = `'; drop table "Claim"; -- <script>alert(1)</script>`;
    expect(parseOverviewFilters({ vendor: hostile }, now)).toMatchObject({
      filters: { vendor: hostile },
      refused: [],
    });
  });
});

describe("weeksOf", () => {
  it("lists the Mondays of every week the range touches", () => {
    expect(weeksOf({ from: "2026-03-01", to: "2026-03-09" })).toEqual([
      "2026-02-23",
      "2026-03-02",
      "2026-03-09",
    ]);
  });
});
