// Keeps one child process of `npm start` running: when it dies on its own it is started again after a delay that
// doubles with each quick death (1 s up to 30 s) and starts over once the process stayed up a minute, so a crash
// loop neither spins the CPU nor gives up. Stopping sends SIGTERM, waits for the child to drain, and kills it only
// when it does not exit in time.
import type { ChildProcess } from "node:child_process";

export interface Backoff {
  firstDelayMs: number;
  maxDelayMs: number;
  /** A process that stayed up this long is healthy again: its next restart waits firstDelayMs. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { firstDelayMs: 1_000, maxDelayMs: 30_000, resetAfterMs: 60_000 };

/** The wait before the next start, given the previous wait (null: none yet) and how long the process stayed up. */
export function nextRestartDelay(previousDelayMs: number | null, upForMs: number, backoff = DEFAULT_BACKOFF) {
  if (previousDelayMs === null || upForMs >= backoff.resetAfterMs) return backoff.firstDelayMs;
  return Math.min(previousDelayMs * 2, backoff.maxDelayMs);
}

export interface SupervisedProcess {
  /** As it reads in a sentence: "the worker". */
  readonly name: string;
  /** The running child's pid, or null while it waits to be restarted. */
  readonly pid: number | null;
  /** SIGTERM, wait up to stopTimeoutMs for the exit, then SIGKILL. No restart afterwards. */
  stop(): Promise<void>;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null) {
  return signal ?? `exit code ${code}`;
}

function seconds(ms: number) {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

export function superviseProcess(options: {
  /** As it reads in a sentence: "the worker", "the web app". */
  name: string;
  start: () => ChildProcess;
  log: (line: string) => void;
  backoff?: Backoff;
  /** Longer than the worker's own graceful stop (20 s for jobs in flight). */
  stopTimeoutMs?: number;
}): SupervisedProcess {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let child: ChildProcess | null = null;
  let stopped = false;
  let delayMs: number | null = null;
  let restartTimer: NodeJS.Timeout | null = null;

  function launch() {
    restartTimer = null;
    if (stopped) return;
    const startedAt = Date.now();
    const current = options.start();
    child = current;
    options.log(`${options.name} started (pid ${current.pid})`);
    current.once("error", (error) => options.log(`${options.name} could not be started: ${error.message}`));
    current.once("exit", (code, signal) => {
      if (child === current) child = null;
      if (stopped) return;
      delayMs = nextRestartDelay(delayMs, Date.now() - startedAt, backoff);
      options.log(
        `${options.name} stopped unexpectedly (${describeExit(code, signal)}); restarting it in ${seconds(delayMs)}`,
      );
      restartTimer = setTimeout(launch, delayMs);
    });
  }

  launch();

  return {
    name: options.name,
    get pid() {
      return child?.pid ?? null;
    },
    async stop() {
      stopped = true;
      if (restartTimer) clearTimeout(restartTimer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => running.kill("SIGKILL"), options.stopTimeoutMs ?? 25_000);
        running.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        running.kill("SIGTERM");
      });
    },
  };
}
