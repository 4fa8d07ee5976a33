// When a 4.0 runner takes its next row: never before both an answer and a take have been seen, then about one take
// before the answer is expected, following slower or faster answers, never at a negative delay.
import { describe, expect, it } from "vitest";
import { TakeTiming } from "./take-timing";

describe("TakeTiming", () => {
  it("has no delay (take after the answer) until it has seen an answer and a take", () => {
    const timing = new TakeTiming();
    expect(timing.takeDelayMs()).toBeNull();
    timing.observeAnswer(100);
    expect(timing.takeDelayMs()).toBeNull();
    timing.observeTake(10);
    expect(timing.takeDelayMs()).toBe(85);
  });

  it("follows answers that slow down, and a take slower than the answer means taking at once", () => {
    const timing = new TakeTiming();
    timing.observeAnswer(100);
    timing.observeTake(4);
    for (let i = 0; i < 60; i++) timing.observeAnswer(300);
    expect(timing.takeDelayMs()).toBeGreaterThan(280);
    for (let i = 0; i < 60; i++) timing.observeTake(400);
    expect(timing.takeDelayMs()).toBe(0);
  });

  it("comes back within tens of answers after one outlier", () => {
    const timing = new TakeTiming();
    for (let i = 0; i < 20; i++) timing.observeAnswer(100);
    timing.observeTake(10);
    timing.observeAnswer(30_000);
    expect(timing.takeDelayMs()).toBeLessThan(3100);
    for (let i = 0; i < 40; i++) timing.observeAnswer(100);
    expect(timing.takeDelayMs()).toBeLessThan(150);
  });
});
