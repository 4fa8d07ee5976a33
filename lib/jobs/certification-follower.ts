// The worker's certification loop: every CERTIFICATION_POLL_SECONDS it polls the pending certifications that are
// due (backoff per certification), archives completed ones, and closes uploads the browser abandoned. Rows are
// leased in PostgreSQL (FOR UPDATE SKIP LOCKED), so several workers never work the same certification at once.
import {
  archiveDueCertifications,
  closeAbandonedUploads,
  pollDueCertifications,
} from "@/lib/certifications/follow-certification";

export function runCertificationFollower(options: { intervalSeconds: number; log?: (line: string) => void }) {
  const log = options.log ?? (() => {});
  let running = false;
  let stopped = false;
  let ticks = 0;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const polled = await pollDueCertifications();
      const archived = await archiveDueCertifications();
      if (ticks++ % 30 === 0) await closeAbandonedUploads();
      if (polled || archived) log(`certifications: ${polled} polled, ${archived} archive runs`);
    } catch (error) {
      log(`certification loop failed: ${error instanceof Error ? error.message : "unknown error"}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), options.intervalSeconds * 1000);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      while (running) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}
