// Benchmark: Certdesk's own overhead on an API claim. An open-loop driver sends POST /api/v1/claims at a fixed rate
// (100 claims/s for 60 s; --quick: 10 s) to the real route handler in its own process, each claim a new certificate
// with its own Idempotency-Key, and, in the same run and at the same rate, the same claim straight to the TrustedForm
// simulator. Certdesk's overhead is the API's latency minus the direct call's (p50, p95, p99). Then it checks 0 errors
// (failures counted by kind: status and problem type, or the exception) and 0 duplicate claims (in Certdesk's rows and
// in the simulator's records), and prints the CPU per claim of each process: the API server, PostgreSQL, the
// simulator and this driver, so a saturated driver or simulator shows, with the machine's load and CPU.
// Three processes besides PostgreSQL: this driver (only sends), the API server (api-claims-server.ts) and the
// simulator (api-claims-simulator.ts).
// Before the measured run, 3 s of the same load warm the processes up (not counted).
//   npm run bench:api-claims [-- --quick]     (BENCH_RATE, BENCH_SECONDS override; BENCH_CPU_PROF=<dir> writes the
//   API server's CPU profile there)
import { fork, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { disconnectPrisma, systemDb } from "@/lib/db/client";
import { hashApiToken } from "@/lib/api-tokens/api-token-secret";
import { generateMasterKeyEntry } from "@/lib/secrets/master-keys";
import { allowSandboxOrigins } from "../test/allow-sandbox-origins";
import { newApiToken } from "../test/api-calls";
import { createTenantWithOwner, setTrustedFormApi } from "../test/factories";
import { createTestDatabase } from "../test/test-database";

const quick = process.argv.includes("--quick");
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? (quick ? 10 : 60));
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF;
const TOTAL = RATE * SECONDS;
/** Warm-up, not counted: 3 s at the run's rate, so JIT, pools and the group commit reach their steady state. */
const WARM_UP_SECONDS = 3;
const WARM_UP = RATE * WARM_UP_SECONDS;

process.env.CERTDESK_MASTER_KEYS ??= generateMasterKeyEntry();
const loadBefore = os.loadavg();
const database = await createTestDatabase("bench-api-claims");
process.env.DATABASE_URL = database.url;

// The simulator: its own process, driven over IPC.
const simulator = fork("scripts/bench/api-claims-simulator.ts", [], {
  execArgv: ["--import", "tsx"],
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const simulatorUrl = await new Promise<string>((resolve, reject) => {
  simulator.once("message", (message: { ready?: string }) => message.ready && resolve(message.ready));
  simulator.once("exit", (code) => reject(new Error(`the simulator exited (${code})`)));
});
let nextCall = 0;
const simulatorCall = <T>(op: string, args: Record<string, unknown> = {}) =>
  new Promise<T>((resolve, reject) => {
    const id = ++nextCall;
    const listen = (message: { id?: number; result?: T; error?: string }) => {
      if (message.id !== id) return;
      simulator.off("message", listen);
      if (message.error) reject(new Error(message.error));
      else resolve(message.result as T);
    };
    simulator.on("message", listen);
    simulator.send({ id, op, ...args });
  });
allowSandboxOrigins(simulatorUrl);

const server = spawn(
  process.execPath,
  [
    "--conditions=react-server",
    ...(CPU_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : []),
    "--import",
    "tsx",
    "scripts/bench/api-claims-server.ts",
  ],
  { env: { ...process.env }, stdio: ["ignore", "pipe", "inherit"] },
);
const port = await new Promise<number>((resolve, reject) => {
  server.stdout!.on("data", (chunk: Buffer) => {
    const match = /listening (\d+)/.exec(chunk.toString());
    if (match) resolve(Number(match[1]));
  });
  server.on("exit", (code) => reject(new Error(`the API server exited (${code})`)));
});
const api = `http://127.0.0.1:${port}`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** CPU time (ms) of a PostgreSQL server: the postmaster, its reaped children and its live ones (Linux /proc). */
function postgresCpuMs(postmaster: number): number | null {
  const ticks = (pid: number | string) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return {
        ppid: Number(fields[1]),
        own: Number(fields[11]) + Number(fields[12]),
        reaped: Number(fields[13]) + Number(fields[14]),
      };
    } catch {
      return null;
    }
  };
  const root = ticks(postmaster);
  if (!root) return null;
  let total = root.own + root.reaped;
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const child = ticks(pid);
    if (child?.ppid === postmaster) total += child.own;
  }
  return total * 10; // USER_HZ is 100 on Linux
}

/** A failure's kind: the status and problem type, or the exception (with its cause's code). */
function failureKind(status: number, body: { type?: unknown; status?: unknown } | null): string {
  if (status === 201) return `201 but status ${String(body?.status)}`;
  const type = typeof body?.type === "string" ? body.type.split("/").pop() : "no problem type";
  return `${status} ${type}`;
}
function exceptionKind(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `exception ${cause?.code ?? cause?.message ?? (error as Error).message}`;
}

interface Result {
  ms: number;
  ok: boolean;
  kind?: string;
}

const stopAll = async () => {
  server.kill("SIGTERM");
  await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
  simulator.disconnect();
  await disconnectPrisma();
  await database.close();
};

try {
  const page = "I consent to be contacted by Acme.";
  const account = await simulatorCall<{ api_key: string }>("account", { balance: (TOTAL + WARM_UP) * 3 });
  const { actor, tenant } = await createTenantWithOwner("Bench API claims");
  await setTrustedFormApi(tenant.id, "3.0");
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: simulatorUrl });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const token = await newApiToken(actor, ["claims:write"], "Bench");
  await systemDb.apiToken.update({
    where: { tokenHash: hashApiToken(token) },
    data: { rateLimitPerMinute: RATE * 120 },
  });
  type Cert = { cert_id: string; cert_url: string };
  const viaApi = await simulatorCall<Cert[]>("certificates", { count: TOTAL, pageText: page });
  const direct = await simulatorCall<Cert[]>("certificates", { count: TOTAL, pageText: page });
  const warm = await simulatorCall<Cert[]>("certificates", { count: WARM_UP, pageText: page });
  const basic = `Basic ${Buffer.from(`API:${account.api_key}`).toString("base64")}`;
  const [backend] = await systemDb.$queryRaw<Array<{ pid: number }>>`select pg_backend_pid() as pid`;
  const postmaster = Number(
    fs.readFileSync(`/proc/${backend!.pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1],
  );

  const claimViaApi = async (certUrl: string): Promise<Result> => {
    const started = performance.now();
    const response = await fetch(`${api}/api/v1/claims`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "idempotency-key": crypto.randomUUID(),
      },
      body: JSON.stringify({ certUrl }),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    type Body = { status?: unknown; type?: unknown } | null;
    let body: Body = null;
    try {
      body = JSON.parse(text) as Body;
    } catch {
      // kept null: counted as a failure of its status
    }
    const ok = response.status === 201 && body?.status === "claimed";
    return { ms, ok, kind: ok ? undefined : failureKind(response.status, body) };
  };
  const claimDirect = async (certUrl: string): Promise<Result> => {
    const started = performance.now();
    const response = await fetch(certUrl, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ fingerprints: [] }),
    });
    await response.arrayBuffer();
    const ms = performance.now() - started;
    return { ms, ok: response.ok, kind: response.ok ? undefined : `${response.status}` };
  };

  // Warm-up (not counted): a few sequential claims to compile the path, then WARM_UP_SECONDS at the run's rate.
  for (const certificate of warm.slice(0, 20)) await claimViaApi(certificate.cert_url);
  const warmStart = performance.now();
  const warming: Array<Promise<unknown>> = [];
  for (let i = 20; i < WARM_UP; i++) {
    const wait = warmStart + (i * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    warming.push(claimViaApi(warm[i]!.cert_url).catch(() => undefined));
  }
  await Promise.all(warming);

  const cpu = async () => ({
    api: (await (await fetch(`${api}/__cpu`)).json()) as NodeJS.CpuUsage,
    simulator: await simulatorCall<NodeJS.CpuUsage>("cpu"),
    driver: process.cpuUsage(),
    postgres: postgresCpuMs(postmaster),
  });
  const cpuBefore = await cpu();
  const apiResults: Array<Promise<Result>> = [];
  const directResults: Array<Promise<Result>> = [];
  const lateness: number[] = [];
  const start = performance.now();
  for (let i = 0; i < TOTAL; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lateness.push(Math.max(0, performance.now() - due));
    const failed = (error: unknown): Result => ({ ms: NaN, ok: false, kind: exceptionKind(error) });
    apiResults.push(claimViaApi(viaApi[i]!.cert_url).catch(failed));
    directResults.push(claimDirect(direct[i]!.cert_url).catch(failed));
  }
  const sentIn = (performance.now() - start) / 1000;
  const apiDone = await Promise.all(apiResults);
  const directDone = await Promise.all(directResults);
  const elapsed = (performance.now() - start) / 1000;
  const cpuAfter = await cpu();
  const loadAfter = os.loadavg();

  const kinds = (results: Result[]) => {
    const counts = new Map<string, number>();
    for (const r of results) if (!r.ok) counts.set(r.kind!, (counts.get(r.kind!) ?? 0) + 1);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return total === 0
      ? "0"
      : `${total} (${[...counts]
          .sort((a, b) => b[1] - a[1])
          .map(([kind, n]) => `${n}× ${kind}`)
          .join(", ")})`;
  };
  const apiMs = apiDone.filter((r) => r.ok).map((r) => r.ms);
  const directMs = directDone.filter((r) => r.ok).map((r) => r.ms);
  const duplicates = await systemDb.$queryRaw<Array<{ n: bigint }>>`
    select count(*) as n from (select "certId" from "Claim" where "tenantId" = ${tenant.id}::uuid
      group by "certId" having count(*) > 1) d`;
  const simulatorDuplicates = await simulatorCall<number>("duplicates", {
    certIds: viaApi.map((c) => c.cert_id),
  });
  const used = (after: NodeJS.CpuUsage, before: NodeJS.CpuUsage) =>
    (after.user - before.user + (after.system - before.system)) / 1000;
  const cpuLine = (name: string, ms: number | null, per: string) =>
    ms === null
      ? `  ${name.padEnd(20)} not measured`
      : `  ${name.padEnd(20)} ${(ms / TOTAL).toFixed(2)} ms per claim${per}  (${(ms / 1000 / elapsed).toFixed(2)} cores)`;
  const line = (name: string, values: number[]) =>
    `${name.padEnd(22)} p50 ${percentile(values, 50).toFixed(1)} ms  p95 ${percentile(values, 95).toFixed(1)} ms  p99 ${percentile(values, 99).toFixed(1)} ms`;
  const cpus = os.cpus();
  console.log(
    `API claims: ${TOTAL} at ${RATE}/s for ${SECONDS} s (sent in ${sentIn.toFixed(1)} s, all answered in ${elapsed.toFixed(1)} s)${quick ? " [quick]" : ""}`,
  );
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model.trim()}; load average ${loadBefore.map((l) => l.toFixed(2)).join(" ")} before, ${loadAfter.map((l) => l.toFixed(2)).join(" ")} after`,
  );
  console.log(line("API claim", apiMs));
  console.log(line("direct to simulator", directMs));
  // Where the tail sits in time: API latency by window of the run (claims are sent in order, RATE a second).
  const windowSeconds = SECONDS >= 30 ? 10 : 2;
  const windows: string[] = [];
  for (let from = 0; from < SECONDS; from += windowSeconds) {
    const slice = (results: Result[]) =>
      results
        .slice(from * RATE, (from + windowSeconds) * RATE)
        .filter((r) => r.ok)
        .map((r) => r.ms);
    windows.push(
      `${percentile(slice(apiDone), 95).toFixed(0)}/${percentile(slice(directDone), 95).toFixed(0)}`,
    );
  }
  console.log(`p95 API/direct ms by ${windowSeconds} s window: ${windows.join("  ")}`);
  console.log(
    `Certdesk overhead       p50 ${(percentile(apiMs, 50) - percentile(directMs, 50)).toFixed(1)} ms  p95 ${(percentile(apiMs, 95) - percentile(directMs, 95)).toFixed(1)} ms  p99 ${(percentile(apiMs, 99) - percentile(directMs, 99)).toFixed(1)} ms  (API minus direct, same run)`,
  );
  console.log(
    `driver send lateness   p95 ${percentile(lateness, 95).toFixed(1)} ms  max ${Math.max(...lateness).toFixed(1)} ms  (how late the driver sent; large = saturated driver)`,
  );
  console.log(`errors: API ${kinds(apiDone)}; direct ${kinds(directDone)}`);
  console.log(
    `duplicate claims: Certdesk rows ${Number(duplicates[0]?.n ?? 0)}, simulator ${simulatorDuplicates}`,
  );
  const postgresMs =
    cpuAfter.postgres !== null && cpuBefore.postgres !== null ? cpuAfter.postgres - cpuBefore.postgres : null;
  console.log(`CPU:`);
  const system = (cpuAfter.api.system - cpuBefore.api.system) / 1000;
  console.log(
    cpuLine(
      "API server",
      used(cpuAfter.api, cpuBefore.api),
      ` (${(system / TOTAL).toFixed(2)} of it in the kernel)`,
    ),
  );
  console.log(cpuLine("PostgreSQL", postgresMs, ""));
  console.log(cpuLine("simulator", used(cpuAfter.simulator, cpuBefore.simulator), " (API's + direct call)"));
  console.log(cpuLine("driver", used(cpuAfter.driver, cpuBefore.driver), " (API's + direct call)"));
} finally {
  await stopAll();
}
