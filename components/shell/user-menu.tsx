"use client";

import Link from "next/link";
import { signOut } from "next-auth/react";
import { DisplayName } from "@/components/ui/display-name";
import { displayText } from "@/lib/text/display-name";

export function UserMenu({
  email,
  name,
  role,
  operator = false,
}: {
  email: string;
  name: string | null;
  role: string;
  /** A deployment operator (CERTDESK_OPERATOR_EMAILS): the menu links to the tenants page. */
  operator?: boolean;
}) {
  return (
    <details className="group relative">
      <summary
        className="flex cursor-pointer list-none items-center gap-3 rounded-md px-3 py-2 hover:bg-slate-100 [&::-webkit-details-marker]:hidden"
        aria-label={`User menu: ${displayText(email)} ${role}`}
      >
        {/* The initial is drawn, not text: the menu's name then holds exactly the words it shows. */}
        <span
          aria-hidden="true"
          data-initial={displayText(name || email)
            .slice(0, 1)
            .toUpperCase()}
          className="flex size-8 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white before:content-[attr(data-initial)]"
        />
        <span className="min-w-0 flex-1 text-left">
          <span className="block truncate text-sm font-medium text-slate-900" data-testid="user-email">
            <DisplayName value={email} />
          </span>
          <span className="block text-xs text-slate-600">{role}</span>
        </span>
      </summary>
      <div className="absolute bottom-full left-0 right-0 mb-2 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
        {operator ? (
          <Link
            href="/operator/tenants"
            className="block w-full rounded px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100"
          >
            Operator: tenants
          </Link>
        ) : null}
        <button
          type="button"
          onClick={() => signOut({ callbackUrl: "/login" })}
          className="w-full rounded px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100"
        >
          Sign out
        </button>
      </div>
    </details>
  );
}
