// npm start (production build) and npm run dev (next dev): the whole product on one machine.
//   1. the database: DATABASE_URL, or the embedded PostgreSQL under <CERTDESK_DATA_DIR>/postgres
//   2. migrations, then the demo tenant on an empty database (its password printed once)
//   3. the TrueScreen and TrustedForm sandboxes (unless CERTDESK_SANDBOX=off), with their demo credentials
//   4. the job worker (bulk claims), as its own process, as `npm run worker` runs it
//   5. the web app on PORT (built first when the sources changed since the last build)
// Ctrl-C or SIGTERM stops the app, then PostgreSQL, and leaves no process behind.
import crypto from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import exitHook from "async-exit-hook";
import { readConfig } from "@/lib/config";
import { disconnectPrisma } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { connectDemoTenant } from "@/lib/connections/connect-demo-tenant";
import { seedDemoTenant } from "@/lib/tenants/seed-demo-tenant";
import { describeSandboxes, startSandboxes, type RunningSandboxes } from "@/sandbox/start-sandboxes";
import { buildIsCurrent } from "./lib/build-fingerprint";
import { ensureMasterKeys } from "./lib/local-master-key";
import { openDatabase, redactUrl } from "./lib/open-database";
import { runBuild } from "./lib/run-build";

const dev = process.argv.includes("--dev");
const config = readConfig();
const dataDir = path.resolve(config.CERTDESK_DATA_DIR);
const children: ChildProcess[] = [];
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

exitHook.forceExitTimeout(20_000);
exitHook((done: () => void) => {
  stopping = true;
  const alive = children.filter((child) => child.exitCode === null && child.signalCode === null);
  const stopSandboxes = sandboxes ? sandboxes.stop() : Promise.resolve();
  if (alive.length === 0) return void stopSandboxes.then(done, done);
  let left = alive.length;
  for (const child of alive) {
    child.once("exit", () => {
      left -= 1;
      if (left === 0) void stopSandboxes.then(done, done);
    });
    child.kill("SIGTERM");
  }
});

fs.mkdirSync(dataDir, { recursive: true });
fs.chmodSync(dataDir, 0o711);
const database = await openDatabase();
log(
  database.embedded
    ? `embedded PostgreSQL running (data in ${path.join(dataDir, "postgres")})`
    : `using DATABASE_URL ${redactUrl(database.url)}`,
);

const applied = await applyMigrations(database.ownerUrl);
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

const worker = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "worker.ts")], {
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
children.push(worker);
worker.stdout?.on("data", (chunk: Buffer) => {
  if (dev || process.env.CERTDESK_VERBOSE) process.stdout.write(chunk);
});
worker.on("exit", (code, signal) => {
  if (stopping) return;
  log(`the worker stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting down.`);
  process.kill(process.pid, "SIGTERM");
});

const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const web = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(port)], {
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
children.push(web);
web.stdout?.on("data", (chunk: Buffer) => {
  if (dev || process.env.CERTDESK_VERBOSE) process.stdout.write(chunk);
});
web.on("exit", (code, signal) => {
  if (stopping) return;
  log(`the web app stopped unexpectedly (${signal ?? `exit code ${code}`}); shutting down.`);
  process.kill(process.pid, "SIGTERM");
});

await waitForHttp(`http://127.0.0.1:${port}/login`, 180_000);
const lines = [
  `Certdesk is ready at ${appUrl}`,
  seeded
    ? `Demo login (shown only this once, write it down): ${seeded.email} / ${seeded.password}`
    : "Sign in with your account (the demo tenant was seeded on the first start).",
  ...(sandboxes ? describeSandboxes(sandboxes) : []),
  "Press Ctrl-C to stop.",
];
log(lines.join("\n[certdesk] "));

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
