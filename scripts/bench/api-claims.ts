// Benchmark: Certdesk's own overhead on an API claim. An open-loop driver sends POST /api/v1/claims at a fixed rate
// (100 claims/s for 60 s; --quick: 10 s) to the real route handler in its own process, each claim a new certificate
// with its own Idempotency-Key, and, in the same run and at the same rate, the same claim straight to the TrustedForm
// simulator. Certdesk's overhead is the API's latency minus the direct call's (p50, p95, p99). Then it checks 0 errors
// and 0 duplicate claims (in Certdesk's rows and in the simulator's records), and prints the server's CPU per claim.
//   npm run bench:api-claims [-- --quick]     (BENCH_RATE, BENCH_SECONDS override)
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { disconnectPrisma, systemDb } from "@/lib/db/client";
import { hashApiToken } from "@/lib/api-tokens/api-token-secret";
import { generateMasterKeyEntry } from "@/lib/secrets/master-keys";
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";
import { allowSandboxOrigins } from "../test/allow-sandbox-origins";
import { newApiToken } from "../test/api-calls";
import { createTenantWithOwner, setTrustedFormApi } from "../test/factories";
import { createTestDatabase } from "../test/test-database";

const quick = process.argv.includes("--quick");
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? (quick ? 10 : 60));
const TOTAL = RATE * SECONDS;

process.env.CERTDESK_MASTER_KEYS ??= generateMasterKeyEntry();
const database = await createTestDatabase("bench-api-claims");
process.env.DATABASE_URL = database.url;
const sandbox = new TrustedFormSandbox({ port: 0 });
await sandbox.start();
allowSandboxOrigins(sandbox.baseUrl);

const server = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", "scripts/bench/api-claims-server.ts"],
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

try {
  const account = sandbox.createAccount({ balance: TOTAL * 3 });
  const { actor, tenant } = await createTenantWithOwner("Bench API claims");
  await setTrustedFormApi(tenant.id, "3.0");
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const token = await newApiToken(actor, ["claims:write"], "Bench");
  await systemDb.apiToken.update({
    where: { tokenHash: hashApiToken(token) },
    data: { rateLimitPerMinute: RATE * 120 },
  });
  const page = "I consent to be contacted by Acme.";
  const viaApi = Array.from({ length: TOTAL }, () => sandbox.createCertificate({ page_text: page }));
  const direct = Array.from({ length: TOTAL }, () => sandbox.createCertificate({ page_text: page }));
  const basic = `Basic ${Buffer.from(`API:${account.api_key}`).toString("base64")}`;

  const claimViaApi = async (certUrl: string) => {
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
    const body = (await response.json()) as { status?: string };
    return { ms: performance.now() - started, ok: response.status === 201 && body.status === "claimed" };
  };
  const claimDirect = async (certUrl: string) => {
    const started = performance.now();
    const response = await fetch(certUrl, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ fingerprints: [] }),
    });
    await response.arrayBuffer();
    return { ms: performance.now() - started, ok: response.ok };
  };

  // Warm-up: compile paths and open connections (not counted).
  for (let i = 0; i < 20; i++) {
    const warm = sandbox.createCertificate({ page_text: page });
    await claimViaApi(warm.cert_url);
  }

  const cpuBefore = (await (await fetch(`${api}/__cpu`)).json()) as NodeJS.CpuUsage;
  const apiResults: Array<Promise<{ ms: number; ok: boolean }>> = [];
  const directResults: Array<Promise<{ ms: number; ok: boolean }>> = [];
  const start = performance.now();
  for (let i = 0; i < TOTAL; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    apiResults.push(claimViaApi(viaApi[i]!.cert_url).catch(() => ({ ms: NaN, ok: false })));
    directResults.push(claimDirect(direct[i]!.cert_url).catch(() => ({ ms: NaN, ok: false })));
  }
  const apiDone = await Promise.all(apiResults);
  const directDone = await Promise.all(directResults);
  const elapsed = (performance.now() - start) / 1000;
  const cpuAfter = (await (await fetch(`${api}/__cpu`)).json()) as NodeJS.CpuUsage;

  const apiErrors = apiDone.filter((r) => !r.ok).length;
  const directErrors = directDone.filter((r) => !r.ok).length;
  const apiMs = apiDone.filter((r) => r.ok).map((r) => r.ms);
  const directMs = directDone.filter((r) => r.ok).map((r) => r.ms);
  const duplicates = await systemDb.$queryRaw<Array<{ n: bigint }>>`
    select count(*) as n from (select "certId" from "Claim" where "tenantId" = ${tenant.id}::uuid
      group by "certId" having count(*) > 1) d`;
  let simulatorDuplicates = 0;
  for (const certificate of viaApi) {
    const record = (await (
      await fetch(`${sandbox.baseUrl}/sandbox/certificates/${certificate.cert_id}`)
    ).json()) as {
      claims: unknown[];
    };
    if (record.claims.length > 1) simulatorDuplicates += 1;
  }
  const cpuMicros = cpuAfter.user - cpuBefore.user + (cpuAfter.system - cpuBefore.system);
  const line = (name: string, values: number[]) =>
    `${name.padEnd(22)} p50 ${percentile(values, 50).toFixed(1)} ms  p95 ${percentile(values, 95).toFixed(1)} ms  p99 ${percentile(values, 99).toFixed(1)} ms`;
  console.log(
    `API claims: ${TOTAL} at ${RATE}/s for ${SECONDS} s (sent in ${elapsed.toFixed(1)} s)${quick ? " [quick]" : ""}`,
  );
  console.log(line("API claim", apiMs));
  console.log(line("direct to simulator", directMs));
  console.log(
    `Certdesk overhead       p50 ${(percentile(apiMs, 50) - percentile(directMs, 50)).toFixed(1)} ms  p95 ${(percentile(apiMs, 95) - percentile(directMs, 95)).toFixed(1)} ms  (API minus direct, same run)`,
  );
  console.log(`errors: API ${apiErrors}, direct ${directErrors}`);
  console.log(
    `duplicate claims: Certdesk rows ${Number(duplicates[0]?.n ?? 0)}, simulator ${simulatorDuplicates}`,
  );
  console.log(
    `server CPU: ${(cpuMicros / 1000 / TOTAL).toFixed(2)} ms per claim (${(cpuMicros / 1e6 / elapsed).toFixed(2)} cores at ${RATE}/s)`,
  );
} finally {
  server.kill("SIGTERM");
  await sandbox.stop();
  await disconnectPrisma();
  await database.close();
}
