// The supervisor over real child processes: a killed child comes back with a new pid, a stopped one does not.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DEFAULT_BACKOFF, nextRestartDelay, superviseProcess } from "./supervise-process";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(read: () => T | null | undefined | false, label: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${label}`);
}

describe("nextRestartDelay", () => {
  it("waits 1 s, then doubles for each quick death up to 30 s, and starts over after a minute up", () => {
    const delays: number[] = [];
    let delay: number | null = null;
    for (let i = 0; i < 8; i++) delays.push((delay = nextRestartDelay(delay, 500)));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(nextRestartDelay(30_000, DEFAULT_BACKOFF.resetAfterMs)).toBe(1_000);
    expect(nextRestartDelay(8_000, DEFAULT_BACKOFF.resetAfterMs - 1)).toBe(16_000);
  });
});

describe("superviseProcess", () => {
  it("restarts a child killed with SIGKILL, logs it, and stops it for good with SIGTERM", async () => {
    const lines: string[] = [];
    const supervised = superviseProcess({
      name: "the sleeper",
      start: () => spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }),
      log: (line) => lines.push(line),
      backoff: { firstDelayMs: 20, maxDelayMs: 80, resetAfterMs: 60_000 },
    });
    const first = await until(() => supervised.pid, "the first child");
    process.kill(first, "SIGKILL");
    const second = await until(() => supervised.pid !== first && supervised.pid, "a restarted child");
    expect(alive(second)).toBe(true);
    expect(lines).toEqual([
      `the sleeper started (pid ${first})`,
      "the sleeper stopped unexpectedly (SIGKILL); restarting it in 20 ms",
      `the sleeper started (pid ${second})`,
    ]);

    await supervised.stop();
    expect(alive(second)).toBe(false);
    expect(supervised.pid).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(supervised.pid).toBeNull();
    expect(lines).toHaveLength(3);
  });

  it("kills a child that ignores SIGTERM once the stop timeout passes", async () => {
    const supervised = superviseProcess({
      name: "the stubborn one",
      start: () =>
        spawn(process.execPath, ["-e", "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], {
          stdio: "ignore",
        }),
      log: () => undefined,
      stopTimeoutMs: 300,
    });
    const pid = await until(() => supervised.pid, "the child");
    // Give the child time to install its SIGTERM handler before asking it to stop.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await supervised.stop();
    expect(alive(pid)).toBe(false);
  });
});
