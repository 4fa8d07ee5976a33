// Works the notices' queues (lib/notices/notice-jobs.ts): the email of each notice, and the TrueScreen credits check
// queued after completed certifications. Each job opens a context of its own tenant; a failure is thrown so that
// pg-boss retries it with backoff.
import type PgBoss from "pg-boss";
import { checkCreditsThreshold } from "@/lib/notices/check-credits-threshold";
import {
  NOTICE_CREDITS_QUEUE,
  NOTICE_EMAIL_QUEUE,
  type NoticeCreditsJob,
  type NoticeEmailJob,
  setNoticeJobSender,
} from "@/lib/notices/notice-jobs";
import { sendNoticeEmail } from "@/lib/notices/send-notice-email";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function noticesContext(tenantId: string) {
  return openTenantContext(tenantId, { kind: "system", name: "notices" });
}

export async function runNoticeJobs(boss: PgBoss, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  // The notices consumer, run by the domain event dispatcher in this process, queues through this pg-boss.
  setNoticeJobSender(boss);
  await boss.work<NoticeEmailJob>(NOTICE_EMAIL_QUEUE, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) {
      const { tenantId, notificationId } = job.data;
      if (!UUID.test(tenantId ?? "") || !UUID.test(notificationId ?? "")) continue; // malformed: nothing to retry
      const outcome = await sendNoticeEmail(noticesContext(tenantId), notificationId).catch(
        (error: unknown) => {
          log(`notice email ${notificationId}: ${error instanceof Error ? error.message : "failed"}`);
          throw error;
        },
      );
      if (outcome === "sent") log(`notice email ${notificationId} sent`);
    }
  });
  await boss.work<NoticeCreditsJob>(NOTICE_CREDITS_QUEUE, { pollingIntervalSeconds: 2 }, async (jobs) => {
    for (const job of jobs) {
      const { tenantId, seq } = job.data;
      if (!UUID.test(tenantId ?? "") || !Number.isInteger(seq)) continue;
      const outcome = await checkCreditsThreshold(noticesContext(tenantId), boss, seq);
      if (outcome === "crossed") log(`credits of tenant ${tenantId} fell below its threshold: admins told`);
    }
  });
}
