// The email of one notice, run by the notice-emails job (lib/jobs/notice-jobs.ts) with retries. Sent only while the
// recipient is still a member of the tenant, and once: a notice already emailed is not sent again.
import { publicUrl } from "@/lib/config";
import type { TenantContext } from "@/lib/core/tenant-context";
import { noticeEmail } from "@/lib/mail/notice-email";
import { sendMail } from "@/lib/mail/send-mail";

export class NoticeNotWrittenYetError extends Error {
  constructor(id: string) {
    super(`Notice ${id} is not in the database (yet): the job tries again.`);
    this.name = "NoticeNotWrittenYetError";
  }
}

export type NoticeEmailOutcome = "sent" | "already-sent" | "not-wanted" | "not-a-member";

export async function sendNoticeEmail(
  ctx: TenantContext,
  notificationId: string,
): Promise<NoticeEmailOutcome> {
  const notice = await ctx.db.notification.findUnique({
    where: { id: notificationId },
    include: { user: { select: { email: true } }, tenant: { select: { name: true } } },
  });
  // The job is queued inside the transaction that writes the notice: it may run before that commit.
  if (!notice) throw new NoticeNotWrittenYetError(notificationId);
  if (!notice.emailWanted) return "not-wanted";
  if (notice.emailedAt) return "already-sent";
  const member = await ctx.db.membership.findFirst({
    where: { userId: notice.userId },
    select: { id: true },
  });
  if (!member) return "not-a-member";
  await sendMail(
    noticeEmail({
      to: notice.user.email,
      tenantName: notice.tenant.name,
      title: notice.title,
      body: notice.body,
      link: notice.link,
      baseUrl: publicUrl(),
    }),
  );
  await ctx.db.notification.update({ where: { id: notice.id }, data: { emailedAt: new Date() } });
  return "sent";
}
