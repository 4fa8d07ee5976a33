// The scale check's child processes: each one's output goes to its own log file in the run's folder, and every
// child still running is killed when the check ends, however it ends.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface Child {
  name: string;
  process: ChildProcess;
  logFile: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (or `signal`), then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const running = new Set<Child>();

export function startChild(
  name: string,
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; logDir: string },
): Child {
  const logFile = path.join(options.logDir, `${name}.log`);
  const out = fs.openSync(logFile, "a");
  const child = spawn(command, args, { env: options.env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const handle: Child = {
    name,
    process: child,
    logFile,
    exited,
    async stop(signal = "SIGTERM", graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

/** A TypeScript script of this repository under tsx, as `npm run` runs them. */
export function startScript(
  name: string,
  script: string,
  options: { env: NodeJS.ProcessEnv; logDir: string },
): Child {
  return startChild(name, process.execPath, ["--import", "tsx", script], options);
}

export function killAll(): void {
  for (const child of running) child.process.kill("SIGKILL");
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop("SIGTERM", 10_000)));
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Waits until `url` answers below 500; fails early when `child` exits. */
export async function waitForHttp(url: string, timeoutMs: number, child?: Child): Promise<number> {
  const started = Date.now();
  let exited = false;
  void child?.exited.then(() => (exited = true));
  while (Date.now() - started < timeoutMs) {
    if (exited) throw new Error(`${child!.name} exited before answering ${url}:\n${tail(child!.logFile)}`);
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.status < 500) return Date.now();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${url} did not answer within ${timeoutMs / 1000} s${child ? `:\n${tail(child.logFile)}` : ""}`,
  );
}
