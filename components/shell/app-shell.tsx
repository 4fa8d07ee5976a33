"use client";

import { useState, type ReactNode } from "react";
import { DraftKeeper } from "@/components/session/draft-keeper";
import { SidebarNav } from "./sidebar-nav";

/** Sidebar on wide screens; a top bar with a menu button that opens it on narrow ones. A header with the search. */
export function AppShell({
  tenant,
  user,
  search,
  toReview = 0,
  children,
}: {
  tenant: ReactNode;
  /** Claims waiting for a reviewer: shown beside "To review" in the nav. */
  toReview?: number;
  user: ReactNode;
  search?: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const sidebar = (
    <div className="flex h-full flex-col gap-6 px-3 py-5">
      <div className="flex items-center gap-2 px-3">
        <span
          aria-hidden="true"
          className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white"
        >
          C
        </span>
        <span className="text-base font-semibold tracking-tight text-slate-900">Certdesk</span>
      </div>
      {tenant}
      <SidebarNav onNavigate={() => setOpen(false)} toReview={toReview} />
      <div className="mt-auto">{user}</div>
    </div>
  );
  return (
    <div className="min-h-screen lg:flex">
      <DraftKeeper />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-white lg:block">
        <div className="sticky top-0 h-screen">{sidebar}</div>
      </aside>
      <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 lg:hidden">
        <span className="font-semibold">Certdesk</span>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="mobile-sidebar"
          onClick={() => setOpen((value) => !value)}
          className="rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300"
        >
          {open ? "Close menu" : "Menu"}
        </button>
      </div>
      {open ? (
        <div id="mobile-sidebar" className="border-b border-slate-200 bg-white lg:hidden">
          {sidebar}
        </div>
      ) : null}
      <div className="min-w-0 flex-1">
        {search ? (
          <header className="border-b border-slate-200 bg-white px-4 py-3 sm:px-8">
            <div className="mx-auto max-w-6xl">{search}</div>
          </header>
        ) : null}
        <main id="main" className="px-4 py-6 sm:px-8 lg:py-10">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
