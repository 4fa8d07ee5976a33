// A notice as the bell and the notices page show it.
import type { NoticeKind } from "@/generated/prisma/enums";

export interface NoticeView {
  id: string;
  kind: NoticeKind;
  title: string;
  body: string;
  link: string;
  read: boolean;
  createdAt: string;
}

export const NOTICE_VIEW_SELECT = {
  id: true,
  kind: true,
  title: true,
  body: true,
  link: true,
  readAt: true,
  createdAt: true,
} as const;

export function noticeView(row: {
  id: string;
  kind: NoticeKind;
  title: string;
  body: string;
  link: string;
  readAt: Date | null;
  createdAt: Date;
}): NoticeView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    // Written by Certdesk as a path; kept inside Certdesk whatever a row holds.
    link: row.link.startsWith("/") && !row.link.startsWith("//") ? row.link : "/notices",
    read: row.readAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
