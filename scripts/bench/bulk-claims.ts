// Benchmark: bulk claims through the real worker process against the TrustedForm sandbox with 100 ms added
// latency and 16 claims in flight (ideal: 160 claims/s). Run 1: undisturbed. Run 2: the worker is killed with
// SIGKILL halfway and a new one started. Prints throughput and counts lost and duplicated claims. Both runs are made
// for each TrustedForm API version in BENCH_API_VERSION ("3.0", "4.0", or "3.0,4.0", the default): 4.0 rows come
// from the demo form's variants and ask match_lead, retain, Insights and Verify with a policy's rules, so the
// verdict and every 4.0 column are written.
//   npm run bench:bulk-claims        (BENCH_CLAIMS=10000 by default)
import { spawn, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { updateConnection } from "@/lib/connections/update-connection";
import { disconnectPrisma, systemDb } from "@/lib/db/client";
import { createClaimBatch } from "@/lib/claims/create-claim-batch";
import { saveScanPolicy } from "@/lib/claims/save-scan-policy";
import type { TrustedFormApiVersion } from "@/lib/claims/v4/trustedform-api-version";
import { setTrustedFormApiVersion } from "@/lib/claims/v4/set-trustedform-api-version";
import { generateMasterKeyEntry } from "@/lib/secrets/master-keys";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { DEMO_VARIANTS } from "@/sandbox/trustedform/demo-variants";
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";
import { allowSandboxOrigins } from "../test/allow-sandbox-origins";
import { createTenantWithOwner } from "../test/factories";
import { createTestDatabase } from "../test/test-database";

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 10_000);
const CONCURRENCY = 16;
const LATENCY_MS = 100;
const IDEAL = (1000 / LATENCY_MS) * CONCURRENCY;
const VERSIONS = (process.env.BENCH_API_VERSION ?? "3.0,4.0")
  .split(",")
  .map((v) => v.trim())
  .filter((v): v is TrustedFormApiVersion => {
    if (v === "3.0" || v === "4.0") return true;
    throw new Error(`BENCH_API_VERSION: "${v}" is not 3.0 or 4.0`);
  });
/** The undisturbed runs' share of the ideal, by version, for the summary. */
const undisturbedRatios: string[] = [];

process.env.CERTDESK_MASTER_KEYS ??= generateMasterKeyEntry();
const database = await createTestDatabase("bench-bulk");
process.env.DATABASE_URL = database.url;
const sandbox = new TrustedFormSandbox({ port: 0 });
await sandbox.start();
// On the deployment's sandbox list, as an operator would put it (the worker inherits the environment).
allowSandboxOrigins(sandbox.baseUrl);
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const profile = process.env.BENCH_PROFILE_DIR
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  workers.push(child);
  return child;
}

/** The worker process that holds the tenant's claim lock (its lock connection is named after its pid). */
async function workingPid(tenantId: string): Promise<number | null> {
  const rows = await systemDb.$queryRaw<Array<{ name: string }>>`
    select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.granted and a.application_name like 'certdesk-claims-lock:%'
      and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(${`certdesk-claims:${tenantId}`}, 0)
    limit 1`;
  return rows[0] ? Number(rows[0].name.split(":")[1]) : null;
}

async function run(version: TrustedFormApiVersion, name: string, killHalfway: boolean, standby = false) {
  const label = `${version} ${name}`;
  const v4 = version === "4.0";
  const account = sandbox.createAccount({ balance: CLAIMS + 10 });
  await fetch(`${sandbox.baseUrl}/sandbox/accounts/${account.api_key}`, {
    method: "PATCH",
    body: JSON.stringify({ faults: { latencyMs: LATENCY_MS } }),
  });
  const { actor } = await createTenantWithOwner(`Bench ${label}`);
  await setTrustedFormApiVersion(actor, version);
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const certs = Array.from({ length: CLAIMS }, (_, i) =>
    v4
      ? sandbox.createCertificate({
          variant: DEMO_VARIANTS[i % DEMO_VARIANTS.length],
          email: "lead@example.com",
        })
      : sandbox.createCertificate({ page_text: "I consent to be contacted.", email: "lead@example.com" }),
  );
  const policy = v4
    ? await saveScanPolicy(actor, {
        name: "Bench consent review",
        requiredText: "",
        forbiddenText: "",
        isDefault: false,
        v4: {
          insightsProperties: ["bot_detected", "seconds_on_page", "form_input_method", "confirmed_owner"],
          verify: true,
          verifyAdvertiserName: "Acme Mortgage",
          verifyMinFontSizePx: "12",
          verifyMinContrastRatio: "4.5",
          verifyOptInTypes: ["manual", "non-interactive"],
          rules: [
            { kind: "no_bot_detected" },
            { kind: "one_to_one_consent" },
            { kind: "consent_language_approved" },
            { kind: "min_seconds_on_page", seconds: 10 },
            { kind: "lead_matched" },
          ],
        },
      })
    : null;
  const { batchId } = await createClaimBatch(actor, {
    fileName: `${name}.csv`,
    rows: certs.map((c, i) => ({ certUrl: c.cert_url, email: "lead@example.com", reference: `LEAD-${i}` })),
    policyId: policy?.id,
    concurrency: CONCURRENCY,
  });

  let worker = startWorker();
  const spare = standby ? startWorker() : null;
  const started = performance.now();
  let firstAt = 0;
  let killedAt = 0;
  let doneAtKill = 0;
  let resumedAfter = 0;
  for (;;) {
    const done = await systemDb.claim.count({
      where: { batchId, status: { in: ["claimed", "failed", "unknown"] } },
    });
    if (done > 0 && !firstAt) firstAt = performance.now();
    if (killHalfway && !killedAt && done >= CLAIMS / 2) {
      if (spare) {
        // Two workers: kill the one working the batch; the standby takes over.
        const pid = await workingPid(actor.tenantId);
        const busy = [worker, spare].find((w) => w.pid === pid) ?? worker;
        busy.kill("SIGKILL");
        killedAt = performance.now();
        doneAtKill = done;
        worker = busy === worker ? spare : worker;
        console.log(
          `  ${label}: the working worker (pid ${pid}) killed with SIGKILL at ${done} settled claims; the standby takes over`,
        );
      } else {
        worker.kill("SIGKILL");
        killedAt = performance.now();
        doneAtKill = done;
        console.log(`  ${label}: worker killed with SIGKILL at ${done} settled claims; a new worker starts`);
        worker = startWorker();
      }
    }
    if (killedAt && !resumedAfter && done > doneAtKill + 32) resumedAfter = performance.now() - killedAt;
    if (done === CLAIMS) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const ended = performance.now();
  if (process.env.BENCH_CPU) {
    // CPU seconds used during the run by this process (bench + sandbox), the worker and PostgreSQL.
    const ps = (await import("node:child_process")).execFileSync("ps", ["-eo", "pid,time,args"]).toString();
    console.log(
      ps
        .split("\n")
        .filter((l) => /worker\.ts|postgres|bulk-claims/.test(l) && !/ps -eo/.test(l))
        .slice(0, 30)
        .join("\n"),
    );
  }
  worker.kill("SIGTERM");
  await Promise.race([
    new Promise((resolve) => worker.once("exit", resolve)),
    new Promise((resolve) => setTimeout(resolve, 25_000)),
  ]);
  const claimed = await systemDb.claim.count({ where: { batchId, status: "claimed" } });
  // Requests that reached the sandbox per certificate: claims (3.0) or 4.0 requests answered.
  const stored = (
    sandbox as unknown as {
      certificates: Map<string, { claims: unknown[]; v4_requests: unknown[] }>;
    }
  ).certificates;
  const sandboxClaims = certs.map((c) => {
    const cert = stored.get(c.cert_id)!;
    return v4 ? cert.v4_requests.length : cert.claims.length;
  });
  const unknownRows = await systemDb.claim.findMany({
    where: { batchId, status: "unknown" },
    select: { certId: true },
  });
  const unknownIds = new Set(unknownRows.map((r) => r.certId));
  // Lost: never reached TrustedForm and not left for a reviewer either (an "unknown" 4.0 row is the reviewer's).
  const lost = certs.filter((c, i) => sandboxClaims[i] === 0 && !unknownIds.has(c.cert_id)).length;
  const unknownUnsent = certs.filter((c, i) => sandboxClaims[i] === 0 && unknownIds.has(c.cert_id)).length;
  const duplicated = sandboxClaims.filter((n) => n > 1).length;
  const seconds = (ended - firstAt) / 1000;
  const ratio = (CLAIMS / seconds / IDEAL) * 100;
  if (!killHalfway) undisturbedRatios.push(`${version} ${ratio.toFixed(1)}%`);
  console.log(
    `  ${label}: ${CLAIMS} claims, ${claimed} claimed, ${unknownRows.length} unknown (${unknownUnsent} of them never reached the sandbox), in ${seconds.toFixed(1)} s from the first settled claim (${((ended - started) / 1000).toFixed(1)} s from worker start): ` +
      `${(CLAIMS / seconds).toFixed(1)} claims/s = ${ratio.toFixed(1)}% of the ideal ${IDEAL}/s; lost ${lost}, duplicated ${duplicated}`,
  );
  if (v4) {
    const verdicts = await systemDb.claim.groupBy({ by: ["verdict"], where: { batchId }, _count: true });
    console.log(
      `  ${label}: verdicts ${verdicts.map((v) => `${v.verdict ?? "none"} ${v._count}`).join(", ")}`,
    );
  }
  if (killedAt) {
    const before = await systemDb.claim.count({
      where: {
        batchId,
        status: "claimed",
        claimedAt: { lte: new Date(Date.now() - (performance.now() - killedAt)) },
      },
    });
    console.log(
      `  ${label}: ${before} claims settled before the kill; the rest after it. Claiming resumed ${(resumedAfter / 1000).toFixed(1)} s after the kill (new worker's start, recovery of the dead worker's rows, first fetch)`,
    );
  }
}

try {
  console.log(
    `bulk claims: ${CLAIMS} per run, ${CONCURRENCY} in flight, ${LATENCY_MS} ms added latency at the sandbox`,
  );
  for (const version of VERSIONS) {
    if (!process.env.BENCH_SKIP_UNDISTURBED) await run(version, "undisturbed", false);
    if (!process.env.BENCH_SKIP_KILL) await run(version, "sigkill-halfway", true);
    if (process.env.BENCH_STANDBY) await run(version, "sigkill-with-standby", true, true);
  }
  if (undisturbedRatios.length)
    console.log(
      `undisturbed runs, share of the ideal ${IDEAL}/s measured in this run: ${undisturbedRatios.join(", ")}`,
    );
} finally {
  for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
  await sandbox.stop();
  await disconnectPrisma();
  await database.close();
}
