// Supervision in `npm start`: a worker or web app killed with SIGKILL is started again (and says so) while the rest
// keeps serving and PostgreSQL keeps running; a Ctrl-C afterwards still leaves no process behind.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "@/scripts/test/test-database";
import { CertdeskProcess, processesMentioning } from "../support/certdesk-process";

test.describe.configure({ timeout: 240_000 });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pid of the nth "<name> started (pid N)" line (1-based), once it is printed. */
async function startedPid(run: CertdeskProcess, name: string, nth: number): Promise<number> {
  const pattern = new RegExp(`\\[certdesk\\] ${name} started \\(pid (\\d+)\\)`, "g");
  for (let i = 0; i < 300; i++) {
    const pids = [...run.output.matchAll(pattern)].map((match) => Number(match[1]));
    if (pids.length >= nth) return pids[nth - 1]!;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} was not started ${nth} times:\n${run.output}`);
}

async function loginStatus(port: number): Promise<number> {
  try {
    return (await fetch(`http://localhost:${port}/login`, { redirect: "manual" })).status;
  } catch {
    return 0;
  }
}

/** The worker's JSON log line that says it is ready (lib/log; CERTDESK_VERBOSE shows the children's lines). */
const WORKER_READY = /"component":"worker"[^\n]*"msg":"ready: /;

test("a SIGKILLed worker and web app are restarted with the app serving and PostgreSQL up; Ctrl-C leaves nothing behind", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-supervision-"));
  const port = await freePort();
  const run = new CertdeskProcess({
    CERTDESK_DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await freePort()),
    TRUESCREEN_SANDBOX_PORT: String(await freePort()),
    TRUSTEDFORM_SANDBOX_PORT: String(await freePort()),
    DATABASE_URL: undefined,
    NEXTAUTH_URL: undefined,
    // The children's own lines too: the restarted worker says when it is ready.
    CERTDESK_VERBOSE: "1",
  });
  let interrupted = false;
  try {
    await run.waitForOutput(/Certdesk is ready at/, 120_000);
    const postgres = () => processesMentioning(path.join(dataDir, "postgres"));
    const worker = await startedPid(run, "the worker", 1);
    const web = await startedPid(run, "the web app", 1);
    await run.waitForOutput(WORKER_READY, 30_000);

    process.kill(worker, "SIGKILL");
    await run.waitForOutput(/the worker stopped unexpectedly \(SIGKILL\); restarting it in 1 s/, 10_000);
    expect(await loginStatus(port)).toBe(200);
    const secondWorker = await startedPid(run, "the worker", 2);
    expect(secondWorker).not.toBe(worker);
    await expect
      .poll(() => run.output.match(new RegExp(WORKER_READY.source, "g"))?.length ?? 0, { timeout: 30_000 })
      .toBe(2);
    expect(alive(secondWorker)).toBe(true);
    expect(alive(web)).toBe(true);
    expect(postgres().length).toBeGreaterThan(0);

    process.kill(web, "SIGKILL");
    await run.waitForOutput(/the web app stopped unexpectedly \(SIGKILL\); restarting it in 1 s/, 10_000);
    const secondWeb = await startedPid(run, "the web app", 2);
    expect(secondWeb).not.toBe(web);
    await expect.poll(() => loginStatus(port), { timeout: 60_000 }).toBe(200);
    expect(alive(secondWorker)).toBe(true);
    expect(postgres().length).toBeGreaterThan(0);
    expect(run.output).not.toContain("stopping (");

    interrupted = true;
    await run.interrupt();
    expect(run.output).toMatch(/stopping \(SIGINT\)[\s\S]*embedded PostgreSQL stopped/);
    expect(alive(secondWorker)).toBe(false);
    expect(alive(secondWeb)).toBe(false);
    expect(postgres()).toEqual([]);
  } finally {
    if (!interrupted) await run.interrupt().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
