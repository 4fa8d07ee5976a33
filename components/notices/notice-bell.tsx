"use client";

// The header's bell: the member's unread notices in this tenant, polled (TanStack Query, a cheap count and the latest
// few), and a panel listing them with links to their subjects. Keyboard: Enter/Space opens it and moves focus into
// it, Escape closes it and gives focus back to the bell.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import type { ActionResult } from "@/lib/core/action-result";
import type { NoticesSummary } from "@/lib/notices/get-notices-summary";
import { NoticeTime } from "./notice-time";

const POLL_MS = 10_000;

export function NoticeBell({
  markRead,
}: {
  markRead: (input: { ids: string[] } | "all") => Promise<ActionResult<number>>;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const { data } = useQuery({
    queryKey: ["notices-summary"],
    queryFn: async () => {
      const response = await fetch("/notices/summary", { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as NoticesSummary;
    },
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const unread = data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const outside = (event: MouseEvent) => {
      if (!panel.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node))
        setOpen(false);
    };
    document.addEventListener("mousedown", outside);
    return () => document.removeEventListener("mousedown", outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const mark = async (input: { ids: string[] } | "all") => {
    const result = await markRead(input);
    setError(result.ok ? null : result.error);
    await queryClient.invalidateQueries({ queryKey: ["notices-summary"] });
  };

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread ? `Notices, ${unread} unread` : "Notices"}
        onClick={() => setOpen((value) => !value)}
        className="relative flex size-9 items-center justify-center rounded-md text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
        data-testid="notice-bell"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
          <path d="M10 2a5 5 0 0 0-5 5v2.6l-1.3 2.6A1 1 0 0 0 4.6 14h10.8a1 1 0 0 0 .9-1.8L15 9.6V7a5 5 0 0 0-5-5Zm-2 13a2 2 0 1 0 4 0H8Z" />
        </svg>
        {unread ? (
          <span
            aria-hidden="true"
            data-testid="notice-unread"
            className="absolute -right-1.5 -top-1.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          ref={panel}
          id={panelId}
          role="region"
          aria-label="Latest notices"
          tabIndex={-1}
          onKeyDown={(event) => {
            if (event.key === "Escape") close();
          }}
          className="absolute right-0 z-40 mt-2 w-80 max-w-[90vw] rounded-lg border border-slate-200 bg-white p-2 shadow-lg focus:outline-none"
        >
          <div className="flex items-center justify-between px-2 py-1">
            <h2 className="text-sm font-semibold text-slate-900">Notices</h2>
            <button
              type="button"
              disabled={!unread}
              onClick={() => void mark("all")}
              className="text-xs font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline"
            >
              Mark all read
            </button>
          </div>
          {error ? (
            <p role="alert" className="px-2 text-xs text-red-700">
              {error}
            </p>
          ) : null}
          {data && data.latest.length === 0 ? (
            <p className="px-2 py-4 text-sm text-slate-600">No notices yet.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {(data?.latest ?? []).map((notice) => (
                <li key={notice.id}>
                  <Link
                    href={notice.link}
                    onClick={() => {
                      setOpen(false);
                      if (!notice.read) void mark({ ids: [notice.id] });
                    }}
                    className="block rounded-md px-2 py-2 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                  >
                    <span className="flex items-start gap-2">
                      {notice.read ? null : (
                        <span
                          aria-hidden="true"
                          className="mt-1.5 size-2 shrink-0 rounded-full bg-brand-600"
                        />
                      )}
                      <span className="min-w-0">
                        <span
                          className={`block text-sm ${notice.read ? "text-slate-700" : "font-medium text-slate-900"}`}
                        >
                          {notice.read ? null : <span className="sr-only">Unread: </span>}
                          {notice.title}
                        </span>
                        <NoticeTime at={notice.createdAt} />
                      </span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-slate-100 px-2 pt-2">
            <Link
              href="/notices"
              onClick={() => setOpen(false)}
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              All notices
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
