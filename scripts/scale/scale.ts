// npm run scale (full form) and npm run test:scale (short form, in CI): Certdesk proven at scale on one machine.
// Starts one embedded PostgreSQL, s3rver (the evidence bucket), both sandboxes, two app instances (scripts/server.ts,
// production build) behind Debian's nginx (TRUSTED_PROXY_HOPS=1) and two workers, then, under autocannon load
// through the proxy: a session works on either instance; certifications created through each instance are completed
// and archived; a bulk batch is worked while the worker holding it is SIGKILLed and one app instance gets a rolling
// restart (nginx marks it down, SIGTERM drains it, it starts again, nginx takes it back). Prints a table and exits
// non-zero on any failed request, lost or duplicated claim, or certification not completed and archived.
// Everything listens on 127.0.0.1, on SCALE_BASE_PORT (3170) and the six ports after it.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const short = process.argv.includes("--short");
const basePort = Number(process.env.SCALE_BASE_PORT ?? 3170);
if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65_000)
  throw new Error(`SCALE_BASE_PORT: ${process.env.SCALE_BASE_PORT} is not a usable port`);
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-scale-"));
const ports = {
  proxy: basePort,
  appA: basePort + 1,
  appB: basePort + 2,
  postgres: basePort + 3,
  truescreen: basePort + 4,
  trustedform: basePort + 5,
  s3: basePort + 6,
};
const bucket = "certdesk-evidence";

// Before any lib/ module reads its configuration: this process seeds and checks with the same settings as the apps.
for (const name of [
  "DATABASE_URL",
  "DATABASE_OWNER_URL",
  "CERTDESK_MASTER_KEYS",
  "CERTDESK_SANDBOX_ORIGINS",
  "TRUESCREEN_SANDBOX_URL",
  "TRUSTEDFORM_SANDBOX_URL",
  "EVIDENCE_DIR",
  "EVIDENCE_S3_PREFIX",
])
  delete process.env[name];
Object.assign(process.env, {
  CERTDESK_DATA_DIR: path.join(runDir, "data"),
  EMBEDDED_PG_PORT: String(ports.postgres),
  TRUESCREEN_SANDBOX_PORT: String(ports.truescreen),
  TRUSTEDFORM_SANDBOX_PORT: String(ports.trustedform),
  CERTDESK_SANDBOX: "on",
  NEXTAUTH_URL: `http://127.0.0.1:${ports.proxy}`,
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  TRUSTED_PROXY_HOPS: "1",
  EVIDENCE_S3_BUCKET: bucket,
  EVIDENCE_S3_ENDPOINT: `http://127.0.0.1:${ports.s3}`,
  EVIDENCE_S3_REGION: "us-east-1",
  EVIDENCE_S3_ACCESS_KEY_ID: "S3RVER",
  EVIDENCE_S3_SECRET_ACCESS_KEY: "S3RVER",
  NEXT_TELEMETRY_DISABLED: "1",
});

const { runScale } = await import("./run-scale");
const code = await runScale({
  short,
  runDir,
  ports,
  bucket,
  rows: Number(process.env.SCALE_ROWS ?? (short ? 400 : 2000)),
  claimLatencyMs: 100,
  loadConnections: short ? 2 : 8,
  roundRequests: short ? 60 : 400,
  maxLoadSeconds: short ? 90 : 300,
  certificationsPerInstance: short ? 2 : 10,
  certificationEveryMs: short ? 1500 : 500,
  apiClaimEveryMs: short ? 500 : 200,
});
process.exit(code);
