"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { SettingsSection } from "./settings-sections";

/** The settings pages' own navigation (not on the index, which lists them): a column beside the page on wide screens, a row above it on narrow ones. */
export function SettingsNav({ sections }: { sections: Array<Pick<SettingsSection, "href" | "label">> }) {
  const pathname = usePathname();
  // The settings index is itself the list of these pages, with a line about each.
  if (pathname === "/settings") return null;
  return (
    <nav aria-label="Settings" className="mb-6 lg:mb-0 lg:w-48 lg:shrink-0">
      <ul className="flex gap-1 overflow-x-auto border-b border-slate-200 pb-2 lg:flex-col lg:border-b-0 lg:pb-0">
        {sections.map((section) => {
          const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
          return (
            <li key={section.href} className="shrink-0">
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={`block rounded-md px-3 py-2 text-sm font-medium ${
                  current
                    ? "bg-brand-50 text-brand-800"
                    : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
