"use client";

// The notices page's list: each notice links to its subject; unread ones can be marked read one by one or all at once.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/core/action-result";
import type { NoticeView } from "@/lib/notices/notice-view";
import { NoticeTime } from "./notice-time";

export function NoticeList({
  notices,
  markRead,
}: {
  notices: NoticeView[];
  markRead: (input: { ids: string[] } | "all") => Promise<ActionResult<number>>;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const mark = (input: { ids: string[] } | "all") =>
    startTransition(async () => {
      const result = await markRead(input);
      setError(result.ok ? null : result.error);
      await queryClient.invalidateQueries({ queryKey: ["notices-summary"] });
      router.refresh();
    });
  const anyUnread = notices.some((notice) => !notice.read);
  return (
    <div className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex justify-end">
        <Button variant="secondary" disabled={!anyUnread || pending} onClick={() => mark("all")}>
          Mark all read
        </Button>
      </div>
      <ul
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
        aria-label="Notices"
      >
        {notices.map((notice) => (
          <li key={notice.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3">
            <div className="min-w-0">
              <Link
                href={notice.link}
                className={`text-sm hover:underline ${notice.read ? "text-slate-700" : "font-semibold text-slate-900"}`}
                onClick={() => {
                  if (!notice.read) void markRead({ ids: [notice.id] });
                }}
              >
                {notice.read ? null : <span className="sr-only">Unread: </span>}
                {notice.title}
              </Link>
              <p className="mt-0.5 text-sm text-slate-600">{notice.body}</p>
              <NoticeTime at={notice.createdAt} />
            </div>
            {notice.read ? (
              <span className="text-xs text-slate-500">Read</span>
            ) : (
              <Button
                variant="ghost"
                disabled={pending}
                onClick={() => mark({ ids: [notice.id] })}
                aria-label={`Mark read: ${notice.title}`}
              >
                Mark read
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
