// npm run worker: the job worker alone (bulk claims; polling and archiving certifications; anchoring the audit chains
// and certifying their heads). npm start runs one too; at scale run several, apart from the web instances: they
// coordinate through PostgreSQL. It connects as DATABASE_URL's (least-privilege) role; pg-boss's schema comes with
// the migrations.
import { disconnectPrisma } from "@/lib/db/client";
import { runClaimWorker, startQueue } from "@/lib/jobs/claim-batch-queue";
import { runCertificationFollower } from "@/lib/jobs/certification-follower";
import { runAuditAnchorJob } from "@/lib/jobs/audit-anchor-job";
import { runDomainEventDispatcher } from "@/lib/jobs/domain-event-dispatcher";
import { readConfig } from "@/lib/config";
import { canDisableAuditProtection } from "@/lib/db/database-roles";
import path from "node:path";
import { ensureMasterKeys } from "./lib/local-master-key";

const config = readConfig();
if (!config.DATABASE_URL) {
  console.error(
    "npm run worker needs DATABASE_URL (npm start runs a worker with the embedded database itself).",
  );
  process.exit(2);
}
ensureMasterKeys(path.resolve(config.CERTDESK_DATA_DIR));
const log = (line: string) => process.stdout.write(`[worker] ${line}\n`);
const protection = await canDisableAuditProtection(config.DATABASE_URL);
if (protection?.can)
  process.stderr.write(
    `[worker] warning: DATABASE_URL connects as "${protection.role}", a superuser or the owner of the audit log's ` +
      "table, which could switch its append-only protection off. Connect the app with a least-privilege role and " +
      "run migrations with DATABASE_OWNER_URL (README, Security model).\n",
  );
const boss = await startQueue(config.DATABASE_URL, log);
const worker = await runClaimWorker(boss, { log });
const follower = await runCertificationFollower(boss, {
  intervalSeconds: config.CERTIFICATION_POLL_SECONDS,
  log,
});
const anchoring = await runAuditAnchorJob(boss, { intervalSeconds: config.AUDIT_ANCHOR_SECONDS, log });
const events = await runDomainEventDispatcher(boss, { intervalSeconds: 1, log });
log(
  "ready: working bulk claims, following certifications, anchoring the audit chains and dispatching events",
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  worker.stop();
  follower.stop();
  anchoring.stop();
  events.stop();
  await boss.stop({ graceful: true, timeout: 20_000 });
  await disconnectPrisma();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
