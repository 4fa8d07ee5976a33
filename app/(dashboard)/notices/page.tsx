import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { NoticeList } from "@/components/notices/notice-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listNotices } from "@/lib/notices/list-notices";
import { markNoticesReadAction } from "./actions";

export const metadata: Metadata = { title: "Notices" };

export default async function NoticesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const member = await requirePageMember("viewer");
  const params = await searchParams;
  const before = typeof params.before === "string" ? params.before : null;
  const unreadOnly = params.unread === "1";
  const { notices, next } = await listNotices(member, { before, unreadOnly });
  const query = (extra: Record<string, string>) =>
    `/notices?${new URLSearchParams({ ...(unreadOnly ? { unread: "1" } : {}), ...extra })}`;
  return (
    <>
      <PageHeader
        title="Notices"
        description={`What happened in ${member.tenantName} that concerns you, newest first.`}
        actions={
          <Link href="/settings/notices" className="text-sm font-medium text-brand-700 hover:underline">
            Notice preferences
          </Link>
        }
      />
      <nav aria-label="Which notices" className="mb-4 flex gap-4 text-sm">
        <Link
          href="/notices"
          aria-current={unreadOnly ? undefined : "page"}
          className={unreadOnly ? "text-brand-700 hover:underline" : "font-semibold text-slate-900"}
        >
          All
        </Link>
        <Link
          href="/notices?unread=1"
          aria-current={unreadOnly ? "page" : undefined}
          className={unreadOnly ? "font-semibold text-slate-900" : "text-brand-700 hover:underline"}
        >
          Unread
        </Link>
      </nav>
      {notices.length === 0 ? (
        <EmptyState title={before ? "No older notices" : unreadOnly ? "Nothing unread" : "No notices yet"}>
          Notices tell you when a bulk claim batch finishes, a certification fails, a connection test fails or
          credits run low. Choose which ones you get, in Certdesk or by email, in your notice preferences.
        </EmptyState>
      ) : (
        <NoticeList notices={notices} markRead={markNoticesReadAction} />
      )}
      {next ? (
        <p className="mt-4">
          <Link href={query({ before: next })} className="text-sm font-medium text-brand-700 hover:underline">
            Older notices
          </Link>
        </p>
      ) : null}
    </>
  );
}
