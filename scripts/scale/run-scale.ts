// The scale check itself (scale.ts sets the environment first, then calls runScale). See scale.ts for what it proves.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import autocannon from "autocannon";
import { systemDb, disconnectPrisma } from "@/lib/db/client";
import { evidenceStore } from "@/lib/evidence/evidence-store";
import { migrateDatabase } from "@/lib/setup/migrate-database";
import { connectDemoTenant } from "@/lib/tenants/connect-demo-tenant";
import { seedDemoTenant } from "@/lib/tenants/seed-demo-tenant";
import { buildIsCurrent } from "../lib/build-fingerprint";
import { ensureMasterKeys } from "../lib/local-master-key";
import { openDatabase, type OpenDatabase } from "../lib/open-database";
import { runBuild } from "../lib/run-build";
import { isFailure, isPostSentAgain, parseAccessLog, routeOf } from "./access-log";
import { compareClaims, ledgerProblems } from "./claim-ledger";
import { renderNginxConfig } from "./nginx-config";
import { killAll, startChild, startScript, stopAll, tail, waitForHttp, type Child } from "./processes";
import { callServerAction, findServerAction, readActionManifest } from "./server-actions";
import { formatTable, ms, summarizeRoutes } from "./stats";

export interface ScaleSettings {
  short: boolean;
  runDir: string;
  ports: {
    proxy: number;
    appA: number;
    appB: number;
    postgres: number;
    truescreen: number;
    trustedform: number;
    s3: number;
  };
  bucket: string;
  /** Rows of the bulk batch worked through the faults. */
  rows: number;
  /** Added by the TrustedForm simulator to every claim, so that the batch lasts through the faults. */
  claimLatencyMs: number;
  /** autocannon's connections through the proxy. */
  loadConnections: number;
  /** Requests per autocannon round (rounds repeat until the faults are over). */
  roundRequests: number;
  maxLoadSeconds: number;
  /** Certifications created through each instance directly before the faults. */
  certificationsPerInstance: number;
  /** During the faults, one certification through the proxy this often. */
  certificationEveryMs: number;
  /** During the faults, one claim through the public API (/api/v1/claims, with an Idempotency-Key) this often. */
  apiClaimEveryMs: number;
}

interface Fault {
  name: string;
  detail: string;
  recoverySeconds: number | null;
}

interface CreatedCertification {
  id: string;
  title: string;
  via: string;
  at: number;
}

const startedAt = Date.now();
const log = (line: string) =>
  process.stdout.write(`[scale +${((Date.now() - startedAt) / 1000).toFixed(0)}s] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (fromMs: number, toMs = Date.now()) => (toMs - fromMs) / 1000;

function cleanEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
}

/** Runs `work` on every item with at most `limit` at a time. */
async function eachLimited<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function findNginx(): string {
  for (const candidate of ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"])
    if (fs.existsSync(candidate)) return candidate;
  throw new Error("nginx is not installed: apt-get install -y nginx (.ci/run installs it)");
}

/** Signs in through the login API as the form does; answers the session cookie. */
async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = await json<{ csrfToken: string }>(csrf, "GET /api/auth/csrf");
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrfCookie,
      // Written by the client: with TRUSTED_PROXY_HOPS=1 the app must ignore it and take nginx's entry.
      "x-forwarded-for": "203.0.113.77",
    },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/`, json: "true" }),
    redirect: "manual",
  });
  await response.body?.cancel();
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session)
    throw new Error(`Signing in through the proxy set no session cookie (HTTP ${response.status})`);
  return session;
}

/** The page at `url` for the signed-in member: 200 with their email on it. */
async function sessionWorks(url: string, cookie: string, email: string): Promise<string | null> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) return `${url} answered ${response.status}`;
  if (!body.includes(email)) return `${url} did not show the signed-in member`;
  return null;
}

export async function runScale(s: ScaleSettings): Promise<number> {
  const started = Date.now();
  const problems: string[] = [];
  const checks = {
    session: "a session works on either instance; the client address is nginx's entry",
    certifications: "every certification completed once and archived in the bucket",
    claims: "0 lost and 0 duplicated claims (batch rows and API claims against the simulator)",
    requests: "0 failed requests (nginx's access log and the load generator)",
    faults: "both faults recovered (worker SIGKILL, rolling restart)",
  };
  const failedChecks = new Set<keyof typeof checks>();
  const fail = (check: keyof typeof checks, ...found: string[]) => {
    if (found.length === 0) return;
    failedChecks.add(check);
    problems.push(...found);
  };
  const faults: Fault[] = [];
  const proxyUrl = `http://127.0.0.1:${s.ports.proxy}`;
  const appUrl = (port: number) => `http://127.0.0.1:${port}`;
  const logDir = path.join(s.runDir, "logs");
  const nginxDir = path.join(s.runDir, "nginx");
  fs.mkdirSync(logDir, { recursive: true });
  fs.mkdirSync(nginxDir, { recursive: true });
  // nginx's workers run as an unprivileged user when started by root: they need to reach their temp folders.
  fs.chmodSync(s.runDir, 0o755);
  fs.chmodSync(nginxDir, 0o755);
  let database: OpenDatabase | null = null;
  let removeRunDir = false;
  const onSignal = () => {
    killAll();
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  log(`${s.short ? "short" : "full"} form; processes' logs in ${logDir}`);

  try {
    if (!buildIsCurrent()) {
      log("building the app (the sources changed since the last build)...");
      await runBuild();
    }
    const manifest = readActionManifest();
    const certifyAction = findServerAction(
      manifest,
      "app/(dashboard)/certifications/actions.ts",
      "certifyHashesAction",
    );
    const batchAction = findServerAction(
      manifest,
      "app/(dashboard)/claims/bulk/actions.ts",
      "createBatchAction",
    );
    const tokenAction = findServerAction(
      manifest,
      "app/(dashboard)/settings/tokens/actions.ts",
      "createApiTokenAction",
    );

    // --- one PostgreSQL, migrated and seeded ------------------------------------------------------------------
    database = await openDatabase();
    await migrateDatabase(database.ownerUrl);
    ensureMasterKeys(path.resolve(process.env.CERTDESK_DATA_DIR!));
    const demo = await seedDemoTenant();
    if (!demo) throw new Error("The fresh database already had a tenant");
    log(`PostgreSQL on ${s.ports.postgres}, migrated; demo tenant seeded`);

    // --- two app instances and two workers, started while the sandboxes come up --------------------------------
    const appEnv = cleanEnv({
      ...process.env,
      DATABASE_URL: database.url,
      DATABASE_OWNER_URL: undefined,
      NODE_ENV: "production",
    });
    const startApp = (name: string, port: number) =>
      startScript(name, "scripts/server.ts", { env: { ...appEnv, PORT: String(port) }, logDir });
    const apps = { A: startApp("app-a", s.ports.appA), B: startApp("app-b", s.ports.appB) };
    const workers = [
      startScript("worker-1", "scripts/worker.ts", { env: appEnv, logDir }),
      startScript("worker-2", "scripts/worker.ts", { env: appEnv, logDir }),
    ];

    // --- the sandboxes, the bucket --------------------------------------------------------------------------
    const baseEnv = cleanEnv({ ...process.env });
    const sandboxes = startScript("sandboxes", "scripts/sandbox.ts", { env: baseEnv, logDir });
    const s3 = startChild(
      "s3rver",
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/scale/s3-server.ts",
        String(s.ports.s3),
        path.join(s.runDir, "s3"),
        s.bucket,
      ],
      { env: baseEnv, logDir },
    );
    const truescreenUrl = appUrl(s.ports.truescreen);
    const trustedformUrl = appUrl(s.ports.trustedform);
    await Promise.all([
      waitForHttp(`${truescreenUrl}/sandbox/keys`, 60_000, sandboxes),
      waitForHttp(`${trustedformUrl}/sandbox/accounts`, 60_000, sandboxes),
      waitForHttp(`http://127.0.0.1:${s.ports.s3}/`, 60_000, s3),
    ]);
    const keys = await json<Array<{ label: string; api_key: string; webhook_secret: string }>>(
      await fetch(`${truescreenUrl}/sandbox/keys`),
      "TrueScreen keys",
    );
    const accounts = await json<Array<{ label: string; api_key: string }>>(
      await fetch(`${trustedformUrl}/sandbox/accounts`),
      "TrustedForm accounts",
    );
    const demoKey = keys.find((k) => k.label === "demo")!;
    const demoAccount = accounts.find((a) => a.label === "demo")!;
    await json(
      await fetch(`${truescreenUrl}/sandbox/keys/${demoKey.api_key}`, {
        method: "PATCH",
        body: JSON.stringify({ credits: 1_000_000 }),
      }),
      "TrueScreen credits",
    );
    await json(
      await fetch(`${trustedformUrl}/sandbox/accounts/${demoAccount.api_key}`, {
        method: "PATCH",
        body: JSON.stringify({ balance: s.rows * 2 + 100, faults: { latencyMs: s.claimLatencyMs } }),
      }),
      "TrustedForm balance",
    );
    await connectDemoTenant({
      truescreen: { baseUrl: truescreenUrl, apiKey: demoKey.api_key, webhookSecret: demoKey.webhook_secret },
      trustedform: { baseUrl: trustedformUrl, apiKey: demoAccount.api_key },
    });
    const tenant = await systemDb.tenant.findFirstOrThrow();
    log(`sandboxes on ${s.ports.truescreen} and ${s.ports.trustedform}, s3rver on ${s.ports.s3}`);

    // --- nginx in front of the two instances ----------------------------------------------------------------
    await Promise.all([
      waitForHttp(`${appUrl(s.ports.appA)}/login`, 180_000, apps.A),
      waitForHttp(`${appUrl(s.ports.appB)}/login`, 180_000, apps.B),
      ...workers.map((worker) => waitForLog(worker, /ready:/, 120_000)),
    ]);

    // Readiness: /api/ready where the build has it (the instance's database, migrations and storage), else /login.
    const readyProbe = await fetch(`${appUrl(s.ports.appA)}/api/ready`);
    await readyProbe.body?.cancel();
    const readyPath = readyProbe.status === 404 ? "/login" : "/api/ready";

    const nginxConf = path.join(nginxDir, "nginx.conf");
    const writeNginxConfig = (aDown: boolean) =>
      fs.writeFileSync(
        nginxConf,
        renderNginxConfig({
          dir: nginxDir,
          port: s.ports.proxy,
          upstreams: [{ port: s.ports.appA, down: aDown }, { port: s.ports.appB }],
        }),
      );
    writeNginxConfig(false);
    const nginxBin = findNginx();
    const nginx = startChild(
      "nginx",
      nginxBin,
      ["-e", path.join(nginxDir, "error.log"), "-p", nginxDir, "-c", nginxConf],
      {
        env: baseEnv,
        logDir,
      },
    );
    await waitForHttp(`${proxyUrl}/login`, 30_000, nginx);
    /** `nginx -s reload` for a master in the foreground: new workers take the new file, old ones finish. */
    const reloadNginx = async (aDown: boolean) => {
      writeNginxConfig(aDown);
      const { execFileSync } = await import("node:child_process");
      execFileSync(nginxBin, [
        "-e",
        path.join(nginxDir, "error.log"),
        "-p",
        nginxDir,
        "-c",
        nginxConf,
        "-t",
        "-q",
      ]);
      nginx.process.kill("SIGHUP");
      await sleep(500);
    };
    log(
      `two app instances (${s.ports.appA}, ${s.ports.appB}), two workers, nginx on ${s.ports.proxy}; readiness ${readyPath}`,
    );

    // --- a session works on either instance -------------------------------------------------------------------
    const cookie = await signIn(proxyUrl, demo.email, demo.password);
    for (const port of [s.ports.appA, s.ports.appB]) {
      const problem = await sessionWorks(`${appUrl(port)}/claims`, cookie, demo.email);
      if (problem)
        fail("session", `session signed in through the proxy, on the instance at ${port}: ${problem}`);
    }
    // nginx appended the client's address to the X-Forwarded-For the client wrote; the app trusts one hop.
    const signInEntry = await systemDb.auditEntry.findFirst({
      where: { tenantId: tenant.id, actorEmail: demo.email, targetType: "user" },
      orderBy: { createdAt: "desc" },
    });
    if (signInEntry?.ip !== "127.0.0.1")
      fail("session", `the sign-in's audit entry records ${signInEntry?.ip ?? "no address"}, not 127.0.0.1`);
    log(
      `signed in through the proxy (recorded from ${signInEntry?.ip}); the session works on both instances`,
    );

    // --- an API token, created as an admin does in Settings → API tokens ---------------------------------------
    const tokenAnswer = await callServerAction(
      proxyUrl,
      tokenAction,
      [{ name: "Scale load", scopes: ["claims:read", "claims:write", "certifications:read"] }],
      cookie,
    );
    const apiToken = (tokenAnswer.result as { data?: { token?: string } }).data?.token;
    if (!apiToken) throw new Error(`Creating the API token failed: ${JSON.stringify(tokenAnswer)}`);
    // The check loads the proxy and the instances, not the token's rate limiter (tested on its own): lifted.
    await systemDb.apiToken.updateMany({
      where: { tenantId: tenant.id, name: "Scale load" },
      data: { rateLimitPerMinute: 1_000_000 },
    });
    const bearer = { authorization: `Bearer ${apiToken}` };

    // --- certifications through each instance ---------------------------------------------------------------
    const certifications: CreatedCertification[] = [];
    const certificationFailures: string[] = [];
    const createCertification = async (baseUrl: string, via: string) => {
      const title = `Scale ${via} ${crypto.randomBytes(6).toString("hex")}`;
      const at = Date.now();
      try {
        const answer = await callServerAction(
          baseUrl,
          certifyAction,
          [
            {
              title,
              generatePdfReport: true,
              metadata: [],
              files: [{ name: "contract.pdf", sha256: crypto.randomBytes(32).toString("hex") }],
            },
          ],
          cookie,
        );
        const result = answer.result as {
          ok?: boolean;
          data?: { id: string; status: string };
          error?: string;
        };
        if (answer.status !== 200 || !result.ok || result.data?.status !== "pending")
          certificationFailures.push(
            `${via}: HTTP ${answer.status} ${JSON.stringify(answer.result).slice(0, 200)}`,
          );
        else certifications.push({ id: result.data.id, title, via, at });
      } catch (error) {
        certificationFailures.push(`${via}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    for (let i = 0; i < s.certificationsPerInstance; i++) {
      await createCertification(appUrl(s.ports.appA), "instance A");
      await createCertification(appUrl(s.ports.appB), "instance B");
    }
    log(`${certifications.length} certifications created directly through instances A and B`);

    // --- the bulk batch's certificates at the TrustedForm simulator -------------------------------------------
    const certs = await eachLimited(
      Array.from({ length: s.rows }, (_, i) => i),
      16,
      async () =>
        json<{ cert_id: string; cert_url: string }>(
          await fetch(`${trustedformUrl}/sandbox/certificates`, {
            method: "POST",
            body: JSON.stringify({ page_text: "I consent to be contacted.", email: "lead@example.com" }),
          }),
          "TrustedForm certificate",
        ),
    );

    // --- load through the proxy, in bounded rounds, until the faults are over ----------------------------------
    const load = { requests: 0, non2xx: 0, errors: 0, timeouts: 0, rounds: 0 };
    let loadPaths = ["/claims", "/certifications", "/"];
    let stopLoad = false;
    const loadStarted = Date.now();
    const loadLoop = (async () => {
      while (!stopLoad && seconds(loadStarted) < s.maxLoadSeconds) {
        const result = await autocannon({
          url: proxyUrl,
          connections: s.loadConnections,
          amount: s.roundRequests,
          timeout: 60,
          headers: { cookie },
          requests: [
            ...loadPaths.map((p) => ({ method: "GET" as const, path: p })),
            ...API_LOAD_PATHS.map((p) => ({ method: "GET" as const, path: p, headers: bearer })),
          ],
        });
        load.rounds += 1;
        load.requests += result.requests.total;
        load.non2xx += result.non2xx;
        load.errors += result.errors;
        load.timeouts += result.timeouts;
      }
    })();

    // --- the bulk batch, through the proxy --------------------------------------------------------------------
    const batchAnswer = await callServerAction(
      proxyUrl,
      batchAction,
      [
        {
          fileName: "scale.csv",
          rows: certs.map((c, i) => ({
            certUrl: c.cert_url,
            email: "lead@example.com",
            reference: `SCALE-${i}`,
          })),
        },
      ],
      cookie,
    );
    const batchResult = batchAnswer.result as { ok?: boolean; data?: { batchId: string }; error?: string };
    if (!batchResult.ok || !batchResult.data)
      throw new Error(`Creating the batch failed: ${JSON.stringify(batchAnswer)}`);
    const batchId = batchResult.data.batchId;
    loadPaths = [...loadPaths, `/claims/batches/${batchId}/progress`];
    const batchStarted = Date.now();
    log(`batch of ${s.rows} rows created through the proxy; load running`);

    const settled = () =>
      systemDb.claim.count({ where: { batchId, status: { in: ["claimed", "failed", "unknown"] } } });

    // Certifications through the proxy all through the faults: each POST must succeed exactly once.
    let stopCertifying = false;
    const certifyLoop = (async () => {
      while (!stopCertifying) {
        await createCertification(proxyUrl, "proxy");
        await sleep(s.certificationEveryMs);
      }
    })();

    // Claims through the public API and the proxy all through the faults, each with its own Idempotency-Key: a
    // request nginx could not deliver or an answer lost is sent again with the same key, as a client must; each
    // certificate must reach TrustedForm exactly once.
    const apiClaims: ApiClaim[] = [];
    let stopApiClaims = false;
    const apiClaimLoop = (async () => {
      while (!stopApiClaims) {
        apiClaims.push(await claimThroughApi(proxyUrl, bearer, trustedformUrl));
        await sleep(s.apiClaimEveryMs);
      }
    })();

    // Fault 1: the worker working the batch is SIGKILLed at a fifth of the batch; it stays dead.
    let killedAt = 0;
    for (;;) {
      const done = await settled();
      if (done >= s.rows / 5) break;
      if (seconds(batchStarted) > 120)
        throw new Error(`The batch did not start (${done} settled after 120 s)`);
      await sleep(100);
    }
    const holder = await workingPid(tenant.id);
    const victim = workers.find((w) => w.process.pid === holder) ?? workers[0]!;
    const survivor = workers.find((w) => w !== victim)!;
    // SIGSTOP first: the victim changes nothing more, so the rows it has "sending" are exactly those in flight at the
    // SIGKILL (the only rows recovery may leave "unknown" on 4.0); the survivor cannot touch them while the frozen
    // victim still holds the tenant's claim lock.
    victim.process.kill("SIGSTOP");
    killedAt = Date.now();
    // A statement the victim sent just before it froze still runs in its PostgreSQL backend (a take can commit after
    // the stop): the "sending" rows are read once none of its takes is running.
    await waitForNoTakes(`certdesk-claims:${victim.process.pid}`);
    const settledAtKill = await settled();
    const inFlightAtKill = new Set(
      (
        await systemDb.claim.findMany({ where: { batchId, status: "sending" }, select: { certId: true } })
      ).map((row) => row.certId),
    );
    victim.process.kill("SIGKILL");
    log(
      `${victim.name} (pid ${victim.process.pid}${holder === victim.process.pid ? ", holding the batch" : ""}) SIGKILLed at ${settledAtKill} settled claims`,
    );
    const workerRecovery = (async () => {
      for (;;) {
        const done = await settled();
        if (done >= Math.min(s.rows, settledAtKill + 32)) return seconds(killedAt);
        if (seconds(killedAt) > 120) return null;
        await sleep(100);
      }
    })();

    // Fault 2: rolling restart of instance A under load: nginx marks it down, SIGTERM drains it, it starts again,
    // nginx takes it back.
    const restartStarted = Date.now();
    await reloadNginx(true);
    await apps.A.stop("SIGTERM", 30_000);
    const drainedAfter = seconds(restartStarted);
    const exit = await apps.A.exited;
    if (exit.code !== 0)
      fail("faults", `instance A exited with ${exit.code ?? exit.signal} on SIGTERM (expected 0)`);
    apps.A = startApp("app-a-restarted", s.ports.appA);
    await waitForHttp(`${appUrl(s.ports.appA)}${readyPath}`, 180_000, apps.A);
    if (readyPath === "/api/ready") await waitForStatus(`${appUrl(s.ports.appA)}/api/ready`, 200, 60_000);
    await reloadNginx(false);
    const restartRecovery = seconds(restartStarted);
    const sessionAfterRestart = await sessionWorks(`${appUrl(s.ports.appA)}/claims`, cookie, demo.email);
    if (sessionAfterRestart)
      fail("session", `the session on the restarted instance A: ${sessionAfterRestart}`);
    log(
      `instance A restarted (drained in ${drainedAfter.toFixed(1)} s, back in nginx after ${restartRecovery.toFixed(1)} s)`,
    );

    const workerRecoverySeconds = await workerRecovery;
    faults.push({
      name: "worker SIGKILL",
      detail: `${victim.name} killed at ${settledAtKill}/${s.rows} settled; claiming resumed on ${survivor.name}`,
      recoverySeconds: workerRecoverySeconds,
    });
    if (workerRecoverySeconds === null)
      fail("faults", "claiming did not resume within 120 s of the worker's SIGKILL");
    faults.push({
      name: "rolling restart of A",
      detail: `down in nginx, SIGTERM drained it in ${drainedAfter.toFixed(1)} s, restarted, ${readyPath} answered, back in nginx`,
      recoverySeconds: restartRecovery,
    });

    // The batch to its end.
    let lastDone = 0;
    let lastProgress = Date.now();
    for (;;) {
      const done = await settled();
      if (done === s.rows) break;
      if (done !== lastDone) [lastDone, lastProgress] = [done, Date.now()];
      if (seconds(lastProgress) > 120)
        throw new Error(`The batch stalled at ${done}/${s.rows} settled claims`);
      await sleep(200);
    }
    const claimTimes = await systemDb.claim.aggregate({
      where: { batchId },
      _min: { claimedAt: true },
      _max: { claimedAt: true },
    });
    const claimSpan =
      claimTimes._min.claimedAt && claimTimes._max.claimedAt
        ? (claimTimes._max.claimedAt.getTime() - claimTimes._min.claimedAt.getTime()) / 1000
        : Number.NaN;
    log(`batch settled in ${seconds(batchStarted).toFixed(1)} s`);

    // A little more load with both instances in, then stop.
    await sleep(2_000);
    stopCertifying = true;
    stopApiClaims = true;
    await certifyLoop;
    await apiClaimLoop;
    stopLoad = true;
    await loadLoop;
    const certificationsAfterKill = certifications.filter((c) => c.at > killedAt).length;

    // --- every certification completed and archived in the bucket --------------------------------------------
    const ids = certifications.map((c) => c.id);
    const archiveDeadline = Date.now() + 120_000;
    let rows = await systemDb.certification.findMany({
      where: { id: { in: ids } },
      include: { artifacts: true },
    });
    while (rows.some((r) => r.status !== "completed" || !r.archivedAt) && Date.now() < archiveDeadline) {
      await sleep(500);
      rows = await systemDb.certification.findMany({
        where: { id: { in: ids } },
        include: { artifacts: true },
      });
    }
    const notArchived = rows.filter((r) => r.status !== "completed" || !r.archivedAt);
    if (rows.length !== ids.length)
      fail("certifications", `${ids.length - rows.length} certifications answered ok are missing`);
    if (notArchived.length)
      fail(
        "certifications",
        `${notArchived.length} certifications not completed and archived (${notArchived
          .slice(0, 3)
          .map((r) => `${r.title}: ${r.status}${r.archiveError ? `, ${r.archiveError}` : ""}`)
          .join("; ")})`,
      );
    const titles = await systemDb.certification.groupBy({
      by: ["title"],
      where: { title: { startsWith: "Scale " } },
      _count: true,
    });
    const duplicatedTitles = titles.filter((t) => t._count > 1);
    if (duplicatedTitles.length)
      fail("certifications", `${duplicatedTitles.length} certification POSTs created two rows`);
    if (titles.length !== certifications.length)
      fail(
        "certifications",
        `${titles.length} certifications in the database for ${certifications.length} created`,
      );
    fail("certifications", ...certificationFailures.map((f) => `certification request failed through ${f}`));
    const store = evidenceStore();
    let artifactsChecked = 0;
    for (const row of rows) {
      if (row.artifacts.length === 0 && row.archivedAt)
        fail("certifications", `${row.title} archived with no artifacts`);
      for (const artifact of row.artifacts) {
        const body = await store.get(artifact.storageKey);
        if (!body) {
          fail("certifications", `${artifact.storageKey} is not in the bucket`);
          continue;
        }
        const hash = crypto.createHash("sha256");
        for await (const chunk of Readable.fromWeb(body as NodeReadableStream<Uint8Array>))
          hash.update(chunk as Buffer);
        if (hash.digest("hex") !== artifact.sha256)
          fail("certifications", `${artifact.storageKey} differs in the bucket`);
        artifactsChecked += 1;
      }
    }
    const bucketKeys = await store.listKeys(`${tenant.id}/`);
    log(
      `${rows.length - notArchived.length}/${ids.length} certifications completed and archived; ${artifactsChecked} artifacts read back from s3rver (${bucketKeys.length} objects under the tenant)`,
    );

    // --- claims: the batch's rows against the simulator's own record ------------------------------------------
    const batchRows = await systemDb.claim.findMany({
      where: { batchId },
      select: { certId: true, status: true },
    });
    const atSimulator = new Map<string, number>();
    await eachLimited(batchRows, 16, async (row) => {
      // 3.0 claims and 4.0 requests: the tenant is on the default (4.0); either would count.
      const record = await json<{ claims?: unknown[]; v4_requests?: unknown[] }>(
        await fetch(`${trustedformUrl}/sandbox/certificates/${row.certId}`),
        `certificate ${row.certId}`,
      );
      atSimulator.set(row.certId, (record.claims?.length ?? 0) + (record.v4_requests?.length ?? 0));
    });
    const ledger = compareClaims(batchRows, atSimulator);
    if (batchRows.length !== s.rows)
      fail("claims", `the batch has ${batchRows.length} rows for ${s.rows} sent`);
    // The API's claims: each answered 201 "claimed", one row in Certdesk, one request at TrustedForm.
    const apiAnswered = apiClaims.filter((c) => c.status === 201 && c.claimStatus === "claimed");
    const apiUnanswered = apiClaims.filter((c) => !apiAnswered.includes(c));
    if (apiClaims.length === 0) fail("claims", "no claim was made through the API during the faults");
    if (apiUnanswered.length)
      fail(
        "claims",
        `${apiUnanswered.length} API claims not answered 201 "claimed" (${apiUnanswered
          .slice(0, 3)
          .map((c) => `${c.certId}: HTTP ${c.status} ${c.problem ?? c.claimStatus ?? ""}`)
          .join("; ")})`,
      );
    const apiAtSimulator = await eachLimited(apiClaims, 16, async (claim) => {
      const record = await json<{ claims?: unknown[]; v4_requests?: unknown[] }>(
        await fetch(`${trustedformUrl}/sandbox/certificates/${claim.certId}`),
        `certificate ${claim.certId}`,
      );
      return (record.claims?.length ?? 0) + (record.v4_requests?.length ?? 0);
    });
    const apiNotOnce = apiClaims.filter((_, i) => apiAtSimulator[i] !== 1);
    if (apiNotOnce.length)
      fail(
        "claims",
        `${apiNotOnce.length} API claims did not reach TrustedForm exactly once (${apiNotOnce
          .slice(0, 3)
          .map((c) => c.certId)
          .join(", ")})`,
      );
    const apiRows = await systemDb.claim.groupBy({
      by: ["certId"],
      where: { tenantId: tenant.id, batchId: null, certId: { in: apiClaims.map((c) => c.certId) } },
      _count: true,
    });
    const apiRowsNotOne = apiClaims.length - apiRows.filter((row) => row._count === 1).length;
    if (apiRowsNotOne)
      fail("claims", `${apiRowsNotOne} API claims do not have exactly one claim row in Certdesk`);
    const apiResent = apiClaims.filter((c) => c.attempts > 1).length;

    const claimProblems = ledgerProblems(ledger, inFlightAtKill);
    fail("claims", ...claimProblems);
    if (claimProblems.length)
      await explainUnknownRows(batchId, ledger.unknown, inFlightAtKill, atSimulator, killedAt);

    // --- the proxy's view ------------------------------------------------------------------------------------
    await sleep(300);
    const { entries, malformed } = parseAccessLog(fs.readFileSync(path.join(nginxDir, "access.log"), "utf8"));
    if (malformed.length)
      fail("requests", `${malformed.length} access log lines could not be read: ${malformed[0]}`);
    const failed = entries.filter((e) => isFailure(e.status));
    if (failed.length)
      fail(
        "requests",
        `${failed.length} failed requests at the proxy (${failed
          .slice(0, 5)
          .map((e) => `${e.method} ${e.uri.slice(0, 60)} ${e.status} via ${e.upstreams.join(", ") || "none"}`)
          .join("; ")})`,
      );
    if (load.non2xx || load.errors || load.timeouts)
      fail(
        "requests",
        `the load generator saw ${load.non2xx} non-2xx answers, ${load.errors} errors, ${load.timeouts} timeouts`,
      );
    const passedOn = entries.filter((e) => e.upstreams.length > 1);
    const postsPassedOn = passedOn.filter(isPostSentAgain);
    if (postsPassedOn.length)
      fail("requests", `${postsPassedOn.length} POSTs were sent to a second instance after an answer`);
    const restartedPort = `127.0.0.1:${s.ports.appA}`;
    const servedByRestarted = entries.filter(
      (e) => e.at * 1000 > restartStarted + restartRecovery * 1000 && e.upstreams.at(-1) === restartedPort,
    ).length;
    if (servedByRestarted === 0)
      fail("faults", "no request reached instance A through the proxy after its restart");

    // --- the report ------------------------------------------------------------------------------------------
    const routes = summarizeRoutes(
      entries.map((e) => ({
        route: routeOf(e.method, e.uri),
        ms: e.seconds * 1000,
        failed: isFailure(e.status),
      })),
    );
    const total = summarizeRoutes(
      entries.map((e) => ({ route: "all", ms: e.seconds * 1000, failed: isFailure(e.status) })),
    )[0];
    console.log("");
    console.log(`Certdesk at scale (${s.short ? "short" : "full"} form), at the proxy (nginx's access log):`);
    console.log(
      formatTable([
        ["route", "requests", "errors", "p50", "p95", "p99"],
        ...[...routes, ...(total ? [total] : [])].map((r) => [
          r.route,
          String(r.requests),
          String(r.errors),
          ms(r.p50),
          ms(r.p95),
          ms(r.p99),
        ]),
      ]),
    );
    console.log("");
    console.log(
      formatTable([
        ["measure", "value"],
        ["load generator requests (autocannon: pages, route handlers, /api/v1)", String(load.requests)],
        ["load generator non-2xx / errors / timeouts", `${load.non2xx} / ${load.errors} / ${load.timeouts}`],
        ["requests nginx passed on to the other instance", String(passedOn.length)],
        ["requests served by A after its restart", String(servedByRestarted)],
        ["batch rows", String(s.rows)],
        [
          "claimed / lost / duplicated",
          `${ledger.claimed} / ${ledger.lost.length} / ${ledger.duplicated.length}`,
        ],
        [
          `left unknown for a reviewer (of the ${inFlightAtKill.size} in flight at the kill)`,
          String(ledger.unknown.length),
        ],
        [
          "API claims through the proxy: answered 201 / sent again with their key",
          `${apiAnswered.length}/${apiClaims.length} / ${apiResent}`,
        ],
        [
          "claims/s (first to last claim)",
          Number.isFinite(claimSpan) ? `${(s.rows / claimSpan).toFixed(1)}/s` : "-",
        ],
        [
          "certifications created (A / B / proxy)",
          `${count(certifications, "instance A")} / ${count(certifications, "instance B")} / ${count(certifications, "proxy")}`,
        ],
        [
          "certifications created after the worker's SIGKILL (one worker left)",
          String(certificationsAfterKill),
        ],
        ["certifications completed and archived", `${rows.length - notArchived.length}/${ids.length}`],
        ["artifacts read back from the bucket (sha256 checked)", String(artifactsChecked)],
        ["wall time", `${seconds(started).toFixed(0)} s`],
      ]),
    );
    console.log("");
    console.log(
      formatTable([
        ["fault", "what happened", "recovery"],
        ...faults.map((f) => [
          f.name,
          f.detail,
          f.recoverySeconds === null ? "never" : `${f.recoverySeconds.toFixed(1)} s`,
        ]),
      ]),
    );
    console.log("");
    console.log(
      formatTable([
        ["check", "result"],
        ...Object.entries(checks).map(([name, what]) => [
          what,
          failedChecks.has(name as keyof typeof checks) ? "FAILED" : "ok",
        ]),
      ]),
    );
    console.log(`${Object.keys(checks).length - failedChecks.size} passed, ${failedChecks.size} failed`);
    console.log("");
    if (problems.length) {
      console.log(`FAILED: ${problems.length} problem(s):`);
      for (const problem of problems) console.log(`  - ${problem}`);
      console.log(`Logs kept in ${logDir}`);
      return 1;
    }
    removeRunDir = process.env.SCALE_KEEP !== "1";
    console.log(
      `PASSED: 0 failed requests, 0 lost and 0 duplicated claims, ${ids.length} certifications completed and archived.`,
    );
    return 0;
  } catch (error) {
    console.error(
      `[scale] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    for (const name of ["app-a", "app-b", "worker-1", "worker-2", "nginx", "sandboxes", "s3rver"]) {
      const file = path.join(logDir, `${name}.log`);
      if (fs.existsSync(file)) console.error(`--- ${name} (last lines) ---\n${tail(file, 15)}`);
    }
    console.error(`Logs kept in ${logDir}`);
    return 1;
  } finally {
    await stopAll();
    await disconnectPrisma().catch(() => undefined);
    await database?.embedded?.stop().catch(() => undefined);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    if (removeRunDir) fs.rmSync(s.runDir, { recursive: true, force: true });
  }
}

function count(certifications: CreatedCertification[], via: string) {
  return certifications.filter((c) => c.via === via).length;
}

/** The worker process holding the tenant's claim lock (its lock connection is named after its pid). */
/** The API's list routes in the load, with the token. */
const API_LOAD_PATHS = ["/api/v1/claims?limit=25", "/api/v1/certifications?limit=25"];

interface ApiClaim {
  certId: string;
  attempts: number;
  status: number;
  claimStatus: string | null;
  problem: string | null;
}

/**
 * One claim of a fresh certificate through POST /api/v1/claims with an Idempotency-Key, as a client must make it:
 * an answer that did not come (a network error, nginx's 502/503/504) or "the first request with this key is in
 * flight" (409) is asked again with the same key and body, never with a new key.
 */
async function claimThroughApi(
  proxyUrl: string,
  bearer: Record<string, string>,
  trustedformUrl: string,
): Promise<ApiClaim> {
  const cert = await json<{ cert_id: string; cert_url: string }>(
    await fetch(`${trustedformUrl}/sandbox/certificates`, {
      method: "POST",
      body: JSON.stringify({ page_text: "I consent to be contacted.", email: "lead@example.com" }),
    }),
    "TrustedForm certificate",
  );
  const key = crypto.randomUUID();
  const body = JSON.stringify({ certUrl: cert.cert_url, email: "lead@example.com" });
  let last: Omit<ApiClaim, "certId" | "attempts"> = { status: 0, claimStatus: null, problem: null };
  for (let attempt = 1; attempt <= 6; attempt++) {
    try {
      const response = await fetch(`${proxyUrl}/api/v1/claims`, {
        method: "POST",
        headers: { ...bearer, "content-type": "application/json", "idempotency-key": key },
        body,
      });
      const answer = (await response.json().catch(() => null)) as {
        status?: unknown;
        type?: string;
        detail?: string;
      } | null;
      last = {
        status: response.status,
        claimStatus: typeof answer?.status === "string" ? answer.status : null,
        problem: answer?.type ? `${answer.type} ${answer.detail ?? ""}`.trim() : null,
      };
      const inFlight = response.status === 409 && answer?.type?.endsWith("/idempotency-key-in-flight");
      if (!inFlight && ![502, 503, 504].includes(response.status))
        return { certId: cert.cert_id, attempts: attempt, ...last };
    } catch (error) {
      last = {
        status: 0,
        claimStatus: null,
        problem: error instanceof Error ? error.message : String(error),
      };
    }
    await sleep(500 * attempt);
  }
  return { certId: cert.cert_id, attempts: 6, ...last };
}

/**
 * Waits until no backend named `applicationName` is running a take (the statement that marks a row "sending"), seen
 * twice 200 ms apart. Other statements of the frozen worker may stay active: a settlement waiting on a lock its own
 * frozen transaction holds never ends, and none of them marks a row "sending".
 */
async function waitForNoTakes(applicationName: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let quietBefore = false;
  while (Date.now() < deadline) {
    const [row] = await systemDb.$queryRaw<Array<{ takes: bigint }>>`
      select count(*) as takes from pg_stat_activity
      where application_name = ${applicationName} and state = 'active'
        and query like 'update "Claim" set status = ''sending''%'`;
    const quiet = Number(row?.takes ?? 0) === 0;
    if (quiet && quietBefore) return;
    quietBefore = quiet;
    await sleep(200);
  }
  const waiting = await systemDb.$queryRaw<Array<{ wait: string | null }>>`
    select coalesce(wait_event_type || ':' || wait_event, 'running') as wait from pg_stat_activity
    where application_name = ${applicationName} and state = 'active'`;
  throw new Error(
    `A take of the frozen worker (${applicationName}) did not end (waiting on ${waiting.map((w) => w.wait).join(", ")})`,
  );
}

/** Prints, for each row left "unknown" that was not in flight at the kill, when it was taken and what TrustedForm saw. */
async function explainUnknownRows(
  batchId: string,
  unknown: string[],
  inFlightAtKill: ReadonlySet<string>,
  atSimulator: Map<string, number>,
  killedAt: number,
) {
  const unexplained = unknown.filter((certId) => !inFlightAtKill.has(certId));
  if (!unexplained.length) return;
  const rows = await systemDb.claim.findMany({
    where: { batchId, certId: { in: unexplained.slice(0, 20) } },
    select: {
      certId: true,
      rowNumber: true,
      lockedAt: true,
      errorKind: true,
      errorMessage: true,
      updatedAt: true,
    },
  });
  for (const row of rows)
    log(
      `unknown row ${row.rowNumber} (${row.certId}): taken ${row.lockedAt ? `${row.lockedAt.getTime() - killedAt} ms after the stop` : "(no lock time)"}, ` +
        `settled ${row.updatedAt.getTime() - killedAt} ms after it, ${atSimulator.get(row.certId) ?? 0} request(s) at TrustedForm, ` +
        `${row.errorKind}: ${row.errorMessage}`,
    );
}

async function workingPid(tenantId: string): Promise<number | null> {
  const rows = await systemDb.$queryRaw<Array<{ name: string }>>`
    select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.granted and a.application_name like 'certdesk-claims-lock:%'
      and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(${`certdesk-claims:${tenantId}`}, 0)
    limit 1`;
  return rows[0] ? Number(rows[0].name.split(":")[1]) : null;
}

async function waitForLog(child: Child, pattern: RegExp, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited:\n${tail(child.logFile)}`);
    if (pattern.test(fs.readFileSync(child.logFile, "utf8"))) return;
    await sleep(200);
  }
  throw new Error(
    `${child.name} did not log ${pattern} within ${timeoutMs / 1000} s:\n${tail(child.logFile)}`,
  );
}

async function waitForStatus(url: string, status: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(url).catch(() => null);
    await response?.body?.cancel();
    if (response?.status === status) return;
    await sleep(200);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs / 1000} s`);
}
