import { describe, expect, it } from "vitest";
import { isFailure, isPostSentAgain, parseAccessLog, routeOf } from "./access-log";

describe("parseAccessLog", () => {
  it("reads nginx's lines, including a request passed on to the second instance and one with no upstream", () => {
    const text = [
      "1733476800.123\tGET\t/claims?page=2\t200\t0.045\t127.0.0.1:3171\t200",
      "1733476800.200\tGET\t/certifications\t200\t2.004\t127.0.0.1:3171, 127.0.0.1:3172\t502, 200",
      "1733476800.300\tPOST\t/claims/bulk\t499\t0.000\t-\t-",
      "1733476800.400\tGET\t/x\t302\t0.010\t127.0.0.1:3171 : 127.0.0.1:3172\t302 : 200",
      "",
    ].join("\n");
    const { entries, malformed } = parseAccessLog(text);
    expect(malformed).toEqual([]);
    expect(entries).toHaveLength(4);
    expect(entries[0]).toEqual({
      at: 1733476800.123,
      method: "GET",
      uri: "/claims?page=2",
      status: 200,
      seconds: 0.045,
      upstreams: ["127.0.0.1:3171"],
      upstreamStatuses: ["200"],
    });
    expect(entries[1]!.upstreams).toEqual(["127.0.0.1:3171", "127.0.0.1:3172"]);
    expect(entries[1]!.upstreamStatuses).toEqual(["502", "200"]);
    expect(entries[2]!.upstreams).toEqual([]);
    expect(entries[3]!.upstreams).toEqual(["127.0.0.1:3171", "127.0.0.1:3172"]);
  });

  it("sets aside lines that are not in the format instead of counting them as successes", () => {
    const { entries, malformed } = parseAccessLog(
      [
        '127.0.0.1 - - [06/Dec/2024:09:00:00 +0000] "GET / HTTP/1.1" 200 12',
        "1733476800.1\tGET\t/\tabc\t0.1\t-\t-",
        "1733476800.1\tget\t/\t200\t0.1\t-\t-",
        "1733476800.1\tGET\t/\t200\t0.1\t-",
      ].join("\n"),
    );
    expect(entries).toEqual([]);
    expect(malformed).toHaveLength(4);
  });
});

describe("routeOf", () => {
  it("groups by route: ids, query strings and long tokens left out", () => {
    expect(routeOf("GET", "/claims/batches/0b6d3c1e-8f2a-4c39-9d7e-1a2b3c4d5e6f/progress?t=1")).toBe(
      "GET /claims/batches/:id/progress",
    );
    expect(routeOf("POST", `/api/webhooks/truescreen/${"a".repeat(36)}.${"b".repeat(43)}`)).toBe(
      "POST /api/webhooks/truescreen/:token",
    );
    expect(routeOf("GET", "/?x=1")).toBe("GET /");
    expect(routeOf("GET", "")).toBe("GET /");
  });
});

describe("isFailure", () => {
  it("counts everything but 2xx and 3xx, nginx's own 499 and 502 included", () => {
    expect([200, 204, 302, 304].map(isFailure)).toEqual([false, false, false, false]);
    expect([0, 101, 400, 404, 499, 500, 502, 504].map(isFailure)).toEqual(Array(8).fill(true));
  });
});

describe("isPostSentAgain", () => {
  const entry = (method: string, upstreamStatuses: string[]) => ({
    at: 0,
    method,
    uri: "/api/webhooks/truescreen/x",
    status: 200,
    seconds: 0.2,
    upstreams: upstreamStatuses.map((_, i) => `127.0.0.1:317${i + 1}`),
    upstreamStatuses,
  });
  it("allows a POST passed on after the first instance refused the connection (502, then 200)", () => {
    expect(isPostSentAgain(entry("POST", ["502", "200"]))).toBe(false);
    expect(isPostSentAgain(entry("POST", ["200"]))).toBe(false);
  });
  it("flags a POST sent again after the first instance answered or timed out", () => {
    expect(isPostSentAgain(entry("POST", ["504", "200"]))).toBe(true);
    expect(isPostSentAgain(entry("POST", ["500", "502"]))).toBe(true);
    expect(isPostSentAgain(entry("POST", ["502", "504", "200"]))).toBe(true);
  });
  it("leaves GETs to nginx's retry rules", () => {
    expect(isPostSentAgain(entry("GET", ["504", "200"]))).toBe(false);
  });
});
