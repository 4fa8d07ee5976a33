// Bulk claims through pg-boss on the same PostgreSQL (queue options in job-queues.ts). Queue policy "short": at
// most one queued job per batch. Running a batch twice at once is harmless anyway: rows are taken with SKIP LOCKED
// and a tenant runs one batch at a time.
import type PgBoss from "pg-boss";
import { CLAIM_BATCH_QUEUE, startJobQueues } from "./job-queues";
import { processClaimBatch } from "./process-claim-batch";
import { recoverStaleClaims } from "./recover-stale-claims";
import { TenantBusyError } from "./tenant-claim-lock";

/** pg-boss as the app role, on the schema and queues the migrations installed. */
export async function startQueue(
  connectionString: string,
  log: (line: string) => void = () => {},
): Promise<PgBoss> {
  return startJobQueues(connectionString, log);
}

export async function enqueueBatch(boss: PgBoss, batchId: string): Promise<void> {
  await boss.send(
    CLAIM_BATCH_QUEUE,
    { batchId },
    { singletonKey: batchId, retryLimit: 10_000, retryDelay: 2, expireInHours: 12 },
  );
}

/**
 * Works batch jobs and, every `sweepSeconds`, recovers rows of dead workers and (re)enqueues unfinished batches. A
 * batch stopped by `stop()` is left unfinished: the next sweep of any worker enqueues it again.
 */
export async function runClaimWorker(
  boss: PgBoss,
  options: { sweepSeconds?: number; log?: (line: string) => void } = {},
) {
  const log = options.log ?? (() => {});
  const sweep = async () => {
    try {
      for (const batchId of await recoverStaleClaims()) await enqueueBatch(boss, batchId);
    } catch (error) {
      log(`sweep failed: ${error instanceof Error ? error.message : "unknown error"}`);
    }
  };
  // Recover and enqueue first, so that the first fetch finds the work (a restarted worker resumes at once).
  await sweep();
  const draining = new AbortController();
  await boss.work<{ batchId: string }>(
    CLAIM_BATCH_QUEUE,
    { batchSize: 4, pollingIntervalSeconds: 0.5 },
    async (jobs) => {
      await Promise.all(
        jobs.map(async (job) => {
          try {
            const result = await processClaimBatch(job.data.batchId, draining.signal);
            if (result.processed)
              log(
                `batch ${job.data.batchId}: ${result.processed} claims settled${result.completed ? ", batch complete" : ""}`,
              );
          } catch (error) {
            if (!(error instanceof TenantBusyError))
              log(
                `batch ${job.data.batchId} failed: ${error instanceof Error ? error.message : "unknown error"}`,
              );
            throw error; // pg-boss retries it
          }
        }),
      );
    },
  );
  const timer = setInterval(() => void sweep(), (options.sweepSeconds ?? 1) * 1000);
  return {
    /** Stops sweeping and taking rows; the claims in flight are answered and settled by their jobs. */
    stop: () => {
      clearInterval(timer);
      draining.abort();
    },
  };
}
