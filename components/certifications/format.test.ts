import { describe, expect, it } from "vitest";
import { formatDuration, rateLine, transferEstimate } from "./format";

const MB = 1024 * 1024;

describe("transferEstimate", () => {
  it("computes bytes per second and the time left from the start time", () => {
    // 20 MB of 100 MB in 4 s: 5 MB/s, 80 MB left = 16 s.
    expect(transferEstimate(20 * MB, 100 * MB, 1_000, 5_000)).toEqual({
      bytesPerSecond: 5 * MB,
      secondsLeft: 16,
    });
  });

  it("has nothing to say before 0.2 s, before the first byte, or with a clock that went backwards", () => {
    expect(transferEstimate(MB, 10 * MB, 1_000, 1_100)).toBeNull();
    expect(transferEstimate(0, 10 * MB, 1_000, 9_000)).toBeNull();
    expect(transferEstimate(MB, 10 * MB, 9_000, 1_000)).toBeNull();
    expect(transferEstimate(Number.NaN, 10 * MB, 1_000, 9_000)).toBeNull();
  });

  it("never answers a negative time left when more than the total was counted", () => {
    expect(transferEstimate(12 * MB, 10 * MB, 0, 2_000)).toEqual({ bytesPerSecond: 6 * MB, secondsLeft: 0 });
  });
});

describe("rateLine", () => {
  it("shows MB/s and the time left while a transfer runs, and done at the end", () => {
    expect(rateLine(30 * MB, 90 * MB, 0, 10_000)).toBe("30 MB of 90 MB · 3.0 MB/s · 20 s left");
    expect(rateLine(90 * MB, 90 * MB, 0, 10_000)).toBe("90 MB of 90 MB · 9.0 MB/s · done");
    expect(rateLine(MB, 3_600 * MB, 0, 1_000)).toBe("1.0 MB of 3.5 GB · 1.0 MB/s · 59 min 59 s left");
  });

  it("shows only the bytes until there is a rate", () => {
    expect(rateLine(0, 90 * MB, 0, 10_000)).toBe("0 B of 90 MB");
  });

  it("formats durations", () => {
    expect(formatDuration(0.2)).toBe("1 s");
    expect(formatDuration(7_300)).toBe("2 h 1 min");
    expect(formatDuration(-1)).toBe("—");
  });
});
