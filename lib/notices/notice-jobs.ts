// What the notices consumer hands to pg-boss (it runs inside the dispatcher's transaction, so it never calls SMTP or
// TrueScreen itself). lib/jobs/notice-jobs.ts works these queues; the names live in lib/jobs/job-queues.ts.
export const NOTICE_EMAIL_QUEUE = "notice-emails";
export const NOTICE_CREDITS_QUEUE = "notice-credits-check";

export interface NoticeEmailJob {
  tenantId: string;
  notificationId: string;
}

export interface NoticeCreditsJob {
  tenantId: string;
  /** The certification.completed entry that asked for the check: the credits notice is keyed on it. */
  seq: number;
}

/** The part of pg-boss the notices need (PgBoss fits it). */
export interface NoticeJobSender {
  send(queue: string, data: object, options?: object): Promise<string | null>;
}

/** Retries with backoff: an SMTP server that is down for a while still gets the email (about 20 minutes in all). */
export const NOTICE_EMAIL_RETRY = { retryLimit: 8, retryDelay: 5, retryBackoff: true } as const;

export async function enqueueNoticeEmails(
  jobs: NoticeJobSender,
  tenantId: string,
  notificationIds: readonly string[],
): Promise<void> {
  for (const notificationId of notificationIds)
    // Sent while the notice's transaction is still open: the job starts a little later, and a job that finds no
    // row yet is retried (lib/notices/send-notice-email.ts), so it never reads before the commit it depends on.
    await jobs.send(NOTICE_EMAIL_QUEUE, { tenantId, notificationId } satisfies NoticeEmailJob, {
      ...NOTICE_EMAIL_RETRY,
      startAfter: 2,
      singletonKey: notificationId,
    });
}

export async function enqueueCreditsCheck(
  jobs: NoticeJobSender,
  tenantId: string,
  seq: number,
): Promise<void> {
  // Policy "short" with the tenant as key: a burst of 1,000 completions waits as one check, not 1,000.
  await jobs.send(NOTICE_CREDITS_QUEUE, { tenantId, seq } satisfies NoticeCreditsJob, {
    singletonKey: tenantId,
    retryLimit: 3,
    retryDelay: 30,
    startAfter: 2,
  });
}

let workerSender: NoticeJobSender | null = null;

/** The worker hands its pg-boss here when it starts the notice jobs (lib/jobs/notice-jobs.ts). */
export function setNoticeJobSender(sender: NoticeJobSender | null): void {
  workerSender = sender;
}

/**
 * The sender the registered consumer uses (lib/events/event-consumers.ts): the worker's pg-boss. Without it the
 * consumer throws, and the dispatcher leaves the event for its next tick rather than lose an email.
 */
export const noticeJobs: NoticeJobSender = {
  send(queue, data, options) {
    if (!workerSender)
      throw new Error("The notice jobs are not running in this process: no queue to send to.");
    return workerSender.send(queue, data, options);
  },
};
