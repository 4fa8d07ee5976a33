// Following certifications, through pg-boss on the same PostgreSQL: each worker sends a "tick" job to the
// certification-follow queue every CERTIFICATION_POLL_SECONDS (policy "short": at most one waits at a time, however
// many workers send), and whichever worker takes it polls the pending certifications that are due (each with its own
// backoff), archives completed ones, and closes uploads the browser abandoned. Certifications are leased in
// PostgreSQL (FOR UPDATE SKIP LOCKED), so two ticks running at once never work the same certification, and a worker
// killed mid-tick only delays its leased rows by the lease (60 s for a poll).
import type PgBoss from "pg-boss";
import { CERTIFICATION_FOLLOW_QUEUE } from "./job-queues";
import { archiveDueCertifications } from "./archive-due-certifications";
import { closeAbandonedUploadsEverywhere } from "./close-abandoned-uploads-everywhere";
import { pollDueCertifications } from "./poll-due-certifications";

export async function runCertificationFollower(
  boss: PgBoss,
  options: { intervalSeconds: number; log?: (line: string) => void },
) {
  const log = options.log ?? (() => {});
  let ticks = 0;
  await boss.work(CERTIFICATION_FOLLOW_QUEUE, { pollingIntervalSeconds: 0.5 }, async () => {
    try {
      const polled = await pollDueCertifications();
      const archived = await archiveDueCertifications();
      if (ticks++ % 30 === 0) await closeAbandonedUploadsEverywhere();
      if (polled || archived) log(`certifications: ${polled} polled, ${archived} archive runs`);
    } catch (error) {
      log(`certification tick failed: ${error instanceof Error ? error.message : "unknown error"}`);
    }
  });
  const send = () =>
    boss
      .send(CERTIFICATION_FOLLOW_QUEUE, {}, { singletonKey: "tick", retryLimit: 0 })
      .catch((error: Error) => log(`could not queue a certification tick: ${error.message}`));
  void send();
  const timer = setInterval(() => void send(), options.intervalSeconds * 1000);
  return { stop: () => clearInterval(timer) };
}
