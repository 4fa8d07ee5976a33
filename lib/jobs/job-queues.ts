// pg-boss on the same PostgreSQL, in two halves. Its schema and Certdesk's queues are created (and migrated when
// pg-boss is upgraded) with the migrations, as the database owner: creating a queue creates a table partition,
// which the least-privilege app role cannot do. The web app and the workers then start pg-boss without migrating
// (`migrate: false` only checks that the schema is installed and current) and use the queues listed here.
import PgBoss from "pg-boss";

export const CLAIM_BATCH_QUEUE = "claim-batches";
export const CERTIFICATION_FOLLOW_QUEUE = "certification-follow";
export const AUDIT_ANCHOR_QUEUE = "audit-anchor";
export const DOMAIN_EVENTS_QUEUE = "domain-events";

/** Every queue Certdesk uses, with its options. A queue missing here cannot be created by the app role. */
export const JOB_QUEUES: Record<string, Omit<PgBoss.Queue, "name">> = {
  // At most one queued job per batch, and a job left active by a worker that was killed does not block the next
  // one (with "stately" it would until it expired). See claim-batch-queue.ts.
  [CLAIM_BATCH_QUEUE]: { policy: "short", retryLimit: 10_000, retryDelay: 2, expireInHours: 12 },
  // Ticks: at most one waits at a time, however many workers send one.
  [CERTIFICATION_FOLLOW_QUEUE]: { policy: "short", retryLimit: 0, expireInSeconds: 15 * 60 },
  [AUDIT_ANCHOR_QUEUE]: { policy: "short", retryLimit: 0, expireInSeconds: 15 * 60 },
  [DOMAIN_EVENTS_QUEUE]: { policy: "short", retryLimit: 0, expireInSeconds: 15 * 60 },
};

/** Creates or migrates pg-boss's schema and creates every queue, as the database owner. Idempotent. */
export async function installJobQueues(ownerConnectionString: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerConnectionString,
    max: 2,
    application_name: "certdesk-migrate",
    migrate: true,
    schedule: false,
    supervise: false,
  });
  const failures: Error[] = [];
  boss.on("error", (error: Error) => failures.push(error));
  await boss.start();
  try {
    // A queue that exists already is left as it is (createQueue does nothing then).
    for (const [name, options] of Object.entries(JOB_QUEUES))
      await boss.createQueue(name, { name, ...options });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  if (failures.length) throw failures[0];
}

/** pg-boss for the web app and the workers: the app role uses the schema the migrations installed. */
export async function startJobQueues(
  connectionString: string,
  log: (line: string) => void = () => {},
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    max: 4,
    application_name: "certdesk-worker",
    migrate: false,
    // No cron schedules: the timekeeper would create a queue of its own, which the app role cannot.
    schedule: false,
  });
  boss.on("error", (error: Error) => log(`job queue error: ${error.message}`));
  try {
    await boss.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/not installed|requires migrations/.test(message))
      throw new Error(
        `The job queue's schema is missing or out of date (${message}). Run \`npm run db:migrate\` as the database owner first.`,
      );
    throw error;
  }
  return boss;
}
