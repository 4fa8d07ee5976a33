// When a 4.0 runner takes its next row: never before both an answer and a take have been seen, then about one take
// before an early answer is expected, following slower or faster answers, unmoved by an outlier, never negative.
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

  it("settles near the answers' lower quartile", () => {
    const timing = new TakeTiming();
    timing.observeTake(0);
    // Answers spread evenly over 100..199 ms: a quarter of them come before 125 ms.
    for (let i = 0; i < 4000; i++) timing.observeAnswer(100 + ((i * 37) % 100));
    expect(timing.takeDelayMs()).toBeGreaterThan(117);
    expect(timing.takeDelayMs()).toBeLessThan(133);
  });

  it("follows answers that slow down, and a take slower than the answer means taking at once", () => {
    const timing = new TakeTiming();
    timing.observeAnswer(100);
    timing.observeTake(4);
    for (let i = 0; i < 400; i++) timing.observeAnswer(300);
    expect(timing.takeDelayMs()).toBeGreaterThan(280);
    expect(timing.takeDelayMs()).toBeLessThan(310);
    for (let i = 0; i < 60; i++) timing.observeTake(400);
    expect(timing.takeDelayMs()).toBe(0);
  });

  it("is not moved by one slow answer", () => {
    const timing = new TakeTiming();
    timing.observeTake(10);
    for (let i = 0; i < 20; i++) timing.observeAnswer(100);
    timing.observeAnswer(30_000);
    expect(timing.takeDelayMs()).toBeLessThan(90);
  });
});
