import Link from "next/link";
import type { ReactNode } from "react";

/** The operator pages stand outside any tenant: an operator needs no membership to use them. */
export default function OperatorLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-6 py-4">
          <div className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white"
            >
              C
            </span>
            <span className="text-base font-semibold tracking-tight text-slate-900">Certdesk operator</span>
          </div>
          <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
            Back to Certdesk
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-6 py-8">{children}</main>
    </div>
  );
}
