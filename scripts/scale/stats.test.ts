import { describe, expect, it } from "vitest";
import { formatTable, ms, percentile, summarizeRoutes } from "./stats";

describe("percentile", () => {
  it("is the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("summarizeRoutes", () => {
  it("counts requests and errors per route, busiest first", () => {
    const rows = summarizeRoutes([
      { route: "GET /a", ms: 10, failed: false },
      { route: "GET /b", ms: 30, failed: true },
      { route: "GET /b", ms: 20, failed: false },
    ]);
    expect(rows).toEqual([
      { route: "GET /b", requests: 2, errors: 1, p50: 20, p95: 30, p99: 30 },
      { route: "GET /a", requests: 1, errors: 0, p50: 10, p95: 10, p99: 10 },
    ]);
  });
});

describe("formatTable", () => {
  it("aligns columns, numbers to the right, under a rule", () => {
    expect(
      formatTable([
        ["route", "requests", "p50"],
        ["GET /claims", "1200", ms(12.4)],
        ["POST /", "3", ms(Number.NaN)],
      ]),
    ).toBe(
      [
        "route        requests  p50",
        "-----------  --------  -----",
        "GET /claims      1200  12 ms",
        "POST /              3  -",
      ].join("\n"),
    );
  });
});
