// The kinds of notices, who receives each and what they get unless they chose otherwise. The preferences page shows
// these words, so that a member knows why a notice reached them (or did not).
import type { NoticeKind, Role } from "@/generated/prisma/enums";
import { hasRole } from "@/lib/auth/roles";

export type { NoticeKind };

export interface NoticeKindInfo {
  kind: NoticeKind;
  label: string;
  /** Who receives it, in words. */
  recipients: string;
  /** The least role that can receive it (and so choose it on the preferences page). */
  role: Role;
  defaults: { inApp: boolean; email: boolean };
}

export const NOTICE_KINDS: readonly NoticeKindInfo[] = [
  {
    kind: "batch_finished",
    label: "A bulk claim batch finished",
    recipients: "The member who started the batch.",
    role: "reviewer",
    defaults: { inApp: true, email: true },
  },
  {
    kind: "certification_failed",
    label: "A certification of yours failed or needs checking",
    recipients:
      "The member who started the certification, when TrueScreen refused it, it failed, or its outcome is unknown.",
    role: "certifier",
    defaults: { inApp: true, email: true },
  },
  {
    kind: "certification_failed_any",
    label: "Anyone's certification failed or needs checking",
    recipients: "Owners and admins who turn it on (the member who started it is told by the line above).",
    role: "admin",
    defaults: { inApp: false, email: false },
  },
  {
    kind: "connection_failing",
    label: "A connection test failed",
    recipients: "Owners and admins, when a test of the TrueScreen or TrustedForm connection fails.",
    role: "admin",
    defaults: { inApp: true, email: true },
  },
  {
    kind: "credits_low",
    label: "TrueScreen credits fell below the threshold",
    recipients:
      "Owners and admins, once each time the balance crosses the tenant's threshold (checked after each completed certification).",
    role: "admin",
    defaults: { inApp: true, email: true },
  },
];

export const NOTICE_KIND_NAMES = NOTICE_KINDS.map((info) => info.kind) as [NoticeKind, ...NoticeKind[]];

export function noticeKindInfo(kind: NoticeKind): NoticeKindInfo {
  const info = NOTICE_KINDS.find((entry) => entry.kind === kind);
  if (!info) throw new Error(`Unknown notice kind ${kind}`);
  return info;
}

/** The kinds a member of this role can receive. */
export function noticeKindsFor(role: Role): NoticeKindInfo[] {
  return NOTICE_KINDS.filter((info) => hasRole(role, info.role));
}
