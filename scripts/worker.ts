// npm run worker: the job worker alone (bulk claims; polling and archiving certifications; anchoring the audit chains
// and certifying their heads; outgoing webhooks). npm start runs one too; at scale run several, apart from the web instances: they
// coordinate through PostgreSQL. It connects as DATABASE_URL's (least-privilege) role; pg-boss's schema comes with
// the migrations.
//
// Logs: JSON lines (lib/log), each job's lines carry its queue. Metrics: with
// CERTDESK_WORKER_METRICS_PORT and CERTDESK_METRICS_TOKEN set, this process serves its own /metrics (its claims,
// outbound calls and jobs); the queues' depth and age come from the web app's /metrics (counted in the database).
// SIGTERM: stop fetching jobs, let the jobs in flight finish (pg-boss's graceful stop, 20 s), then exit 0.
import http from "node:http";
import path from "node:path";
import type PgBoss from "pg-boss";
import { disconnectPrisma } from "@/lib/db/client";
import { runClaimWorker, startQueue } from "@/lib/jobs/claim-batch-queue";
import { runCertificationFollower } from "@/lib/jobs/certification-follower";
import { runAuditAnchorJob } from "@/lib/jobs/audit-anchor-job";
import { runNoticeJobs } from "@/lib/jobs/notice-jobs";
import { runDomainEventDispatcher } from "@/lib/jobs/domain-event-dispatcher";
import { runWebhookWorker } from "@/lib/jobs/webhook-delivery-queue";
import { readConfig } from "@/lib/config";
import { canDisableAuditProtection } from "@/lib/db/database-roles";
import { runWithLogContext } from "@/lib/log/log-context";
import { componentLogger } from "@/lib/log/logger";
import { labelProcess, metrics } from "@/lib/metrics/metrics";
import { serveMetrics } from "@/lib/metrics/serve-metrics";
import { ensureMasterKeys } from "./lib/local-master-key";
import { stopOnSignals } from "./lib/stop-on-signals";

const config = readConfig();
const logger = componentLogger("worker");
if (!config.DATABASE_URL) {
  logger.fatal(
    "npm run worker needs DATABASE_URL (npm start runs a worker with the embedded database itself).",
  );
  process.exit(2);
}
ensureMasterKeys(path.resolve(config.CERTDESK_DATA_DIR));
const log = (line: string) => logger.info(line);
labelProcess("worker");
const protection = await canDisableAuditProtection(config.DATABASE_URL);
if (protection?.can)
  logger.warn(
    `DATABASE_URL connects as "${protection.role}", a superuser or the owner of the audit log's ` +
      "table, which could switch its append-only protection off. Connect the app with a least-privilege role and " +
      "run migrations with DATABASE_OWNER_URL (README, Security model).",
  );

/** Every job handler runs with its queue on its log lines and is counted by outcome. */
function instrument(boss: PgBoss): PgBoss {
  const work = boss.work.bind(boss) as (...args: unknown[]) => Promise<string>;
  boss.work = ((name: string, ...rest: unknown[]) => {
    const handler = rest.pop() as (jobs: unknown[]) => Promise<unknown>;
    const counted = (jobs: unknown[]) =>
      runWithLogContext({ job: name }, async () => {
        const count = Array.isArray(jobs) ? jobs.length : 1;
        try {
          const result = await handler(jobs);
          metrics().jobsProcessed.inc({ queue: name, outcome: "completed" }, count);
          return result;
        } catch (error) {
          metrics().jobsProcessed.inc({ queue: name, outcome: "failed" }, count);
          throw error;
        }
      });
    return work(name, ...rest, counted);
  }) as typeof boss.work;
  return boss;
}

const boss = instrument(await startQueue(config.DATABASE_URL, log));
const worker = await runClaimWorker(boss, { log });
const follower = await runCertificationFollower(boss, {
  intervalSeconds: config.CERTIFICATION_POLL_SECONDS,
  log,
});
const anchoring = await runAuditAnchorJob(boss, { intervalSeconds: config.AUDIT_ANCHOR_SECONDS, log });
await runNoticeJobs(boss, { log });

let metricsServer: http.Server | null = null;
if (config.CERTDESK_WORKER_METRICS_PORT) {
  if (!config.CERTDESK_METRICS_TOKEN)
    logger.warn("CERTDESK_WORKER_METRICS_PORT is set without CERTDESK_METRICS_TOKEN: /metrics stays off");
  metricsServer = http.createServer((request, response) => {
    const pathname = (request.url ?? "/").split("?")[0];
    if (pathname !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    serveMetrics(request, response, {
      token: config.CERTDESK_METRICS_TOKEN,
      registry: metrics().registry,
    }).catch((error: unknown) => {
      logger.error({ err: error }, "serving /metrics failed");
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  metricsServer.listen(config.CERTDESK_WORKER_METRICS_PORT, () =>
    logger.info({ port: config.CERTDESK_WORKER_METRICS_PORT }, "worker metrics at /metrics"),
  );
}
const events = await runDomainEventDispatcher(boss, { intervalSeconds: 1, log });
const webhooks = await runWebhookWorker(boss, { log });
log(
  "ready: working bulk claims, following certifications, anchoring the audit chains, dispatching events and sending webhooks",
);

stopOnSignals(async () => {
  worker.stop();
  follower.stop();
  anchoring.stop();
  events.stop();
  webhooks.stop();
  // Stops fetching, waits for the jobs in flight (up to 20 s), then closes its connections.
  await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
  await disconnectPrisma();
  await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
}, logger);
