// Writes one notice per recipient for one event, after each member's preferences, and queues the emails. Idempotent:
// a (tenant, seq, user) that has a notice already is skipped, so an event handled twice writes and mails nothing new.
// Only current members of the tenant receive anything: a removed member gets nothing more.
import type { NoticeKind } from "@/generated/prisma/enums";
import { hasRole } from "@/lib/auth/roles";
import { mailTransport } from "@/lib/config";
import type { TenantContext } from "@/lib/core/tenant-context";
import { enqueueNoticeEmails, type NoticeJobSender } from "./notice-jobs";
import { noticeKindInfo } from "./notice-kinds";

export interface NoticeDraft {
  title: string;
  body: string;
  link: string;
}

/** A recipient and the kind of notice they get (a creator and an admin may get the same event as different kinds). */
export interface NoticeRecipient {
  userId: string;
  kind: NoticeKind;
}

export async function writeNotices(
  ctx: TenantContext,
  jobs: NoticeJobSender,
  seq: number,
  draft: NoticeDraft,
  wanted: readonly NoticeRecipient[],
): Promise<string[]> {
  // First kind per user wins (callers list the creator before admins).
  const byUser = new Map<string, NoticeKind>();
  for (const recipient of wanted)
    if (!byUser.has(recipient.userId)) byUser.set(recipient.userId, recipient.kind);
  if (byUser.size === 0) return [];
  const userIds = [...byUser.keys()];
  const [members, preferences] = await Promise.all([
    ctx.db.membership.findMany({ where: { userId: { in: userIds } }, select: { userId: true, role: true } }),
    ctx.db.noticePreference.findMany({ where: { userId: { in: userIds } } }),
  ]);
  const emailOn = mailTransport() !== null;
  const rows = members.flatMap((member) => {
    const kind = byUser.get(member.userId)!;
    const info = noticeKindInfo(kind);
    if (!hasRole(member.role, info.role)) return [];
    const chosen =
      preferences.find((preference) => preference.userId === member.userId && preference.kind === kind) ??
      info.defaults;
    const email = chosen.email && emailOn;
    if (!chosen.inApp && !email) return [];
    return [
      {
        userId: member.userId,
        seq,
        kind,
        title: draft.title.slice(0, 300),
        body: draft.body.slice(0, 2000),
        link: draft.link,
        inApp: chosen.inApp,
        emailWanted: email,
      },
    ];
  });
  if (rows.length === 0) return [];
  const created = await ctx.db.notification.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { id: true, emailWanted: true },
  });
  await enqueueNoticeEmails(
    jobs,
    ctx.tenantId,
    created.filter((row) => row.emailWanted).map((row) => row.id),
  );
  return created.map((row) => row.id);
}

/** The tenant's owners and admins. */
export async function tenantAdmins(ctx: TenantContext): Promise<string[]> {
  const admins = await ctx.db.membership.findMany({
    where: { role: { in: ["owner", "admin"] } },
    select: { userId: true },
  });
  return admins.map((admin) => admin.userId);
}
