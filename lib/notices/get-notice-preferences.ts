// The signed-in member's notice choices in this tenant, for the preferences page: every kind their role can receive,
// with its recipients in words, their choice (or the default), whether email is on for this deployment, and for
// admins the tenant's credits threshold.
import { hasRole } from "@/lib/auth/roles";
import { mailTransport } from "@/lib/config";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { noticeKindsFor, type NoticeKindInfo } from "./notice-kinds";

export interface NoticePreferenceView extends NoticeKindInfo {
  inApp: boolean;
  email: boolean;
}

export interface NoticePreferences {
  kinds: NoticePreferenceView[];
  emailOn: boolean;
  email: string;
  /** Admins only (null for others): the tenant's credits threshold and the last balance a check saw. */
  credits: { threshold: number | null; low: boolean; seen: number | null; checkedAt: Date | null } | null;
}

export async function getNoticePreferences(ctx: TenantContext): Promise<NoticePreferences> {
  const member = memberOf(ctx.actor);
  const [chosen, settings] = await Promise.all([
    ctx.db.noticePreference.findMany({ where: { userId: member.userId } }),
    hasRole(member.role, "admin")
      ? ctx.db.noticeSettings.findUnique({ where: { tenantId: ctx.tenantId } })
      : null,
  ]);
  return {
    kinds: noticeKindsFor(member.role).map((info) => {
      const row = chosen.find((preference) => preference.kind === info.kind);
      return { ...info, inApp: row?.inApp ?? info.defaults.inApp, email: row?.email ?? info.defaults.email };
    }),
    emailOn: mailTransport() !== null,
    email: member.email,
    credits: hasRole(member.role, "admin")
      ? {
          threshold: settings?.creditsThreshold ?? null,
          low: settings?.creditsLow ?? false,
          seen: settings?.creditsSeen ?? null,
          checkedAt: settings?.creditsCheckedAt ?? null,
        }
      : null,
  };
}
