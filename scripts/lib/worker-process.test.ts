// `npm run worker` as a real process against the test run's PostgreSQL: its own /metrics behind the token (its jobs
// counted, every series labelled process="worker"), JSON log lines, and SIGTERM: pg-boss's graceful stop, exit 0.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterEach, describe, expect, inject, it } from "vitest";
import { freePort } from "@/scripts/test/test-database";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("the worker process", () => {
  it("serves its metrics behind the token and stops on SIGTERM with exit 0", async () => {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "worker-data-"));
    const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "worker.ts")], {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: inject("databaseUrl"),
        CERTDESK_MASTER_KEYS: inject("masterKeys"),
        CERTDESK_DATA_DIR: dataDir,
        CERTDESK_SANDBOX: "off",
        CERTDESK_METRICS_TOKEN: "worker-token",
        CERTDESK_WORKER_METRICS_PORT: String(port),
        CERTIFICATION_POLL_SECONDS: "1",
        NODE_ENV: "production",
      },
    });
    children.push(child);
    const lines: Array<Record<string, unknown>> = [];
    const seen = (msg: string) => lines.some((line) => line.msg === msg);
    for (const stream of [child.stdout!, child.stderr!])
      readline.createInterface({ input: stream }).on("line", (text) => {
        try {
          lines.push(JSON.parse(text));
        } catch {
          lines.push({ msg: text, raw: true });
        }
      });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const until = async (test: () => boolean | Promise<boolean>, what: string) => {
      const deadline = Date.now() + 60_000;
      while (!(await test())) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`${what}: not seen. Lines: ${JSON.stringify(lines.slice(-10))}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    await until(
      () => lines.some((line) => typeof line.msg === "string" && line.msg.startsWith("ready:")),
      "ready",
    );
    await until(() => seen("worker metrics at /metrics"), "metrics listening");

    const url = `http://127.0.0.1:${port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    let text = "";
    await until(async () => {
      const response = await fetch(url, { headers: { authorization: "Bearer worker-token" } });
      text = await response.text();
      return /certdesk_jobs_processed_total\{[^}]*queue="certification-follow"[^}]*outcome="completed"[^}]*\} [1-9]/.test(
        text,
      );
    }, "a counted job");
    expect(text).toMatch(/process_resident_memory_bytes\{process="worker"\} \d+/);
    // Every line is JSON from the logger, naming its component; a job's lines name their queue.
    expect(lines.filter((line) => line.raw)).toEqual([]);
    expect(lines.every((line) => line.component === "worker")).toBe(true);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(seen("stopping: finishing the work in flight")).toBe(true);
    expect(seen("stopped")).toBe(true);
  }, 120_000);
});
