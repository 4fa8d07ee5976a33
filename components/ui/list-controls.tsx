// The pieces every filtered, paged list shares (claims, certifications, audit log): the URL query, the filter bar
// and the page links.
import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "./alert";
import { buttonClass } from "./button";
import { inputClass } from "./form-field";

type QueryValue = string | number | boolean | null | undefined;

/** A list's URL query from its filters and extra parameters (a cursor, an export format); empty values left out. */
export function listQuery(...parts: Array<Record<string, QueryValue>>): string {
  const params = new URLSearchParams();
  for (const part of parts)
    for (const [key, value] of Object.entries(part))
      if (value !== undefined && value !== null && value !== "" && value !== false)
        params.set(key, String(value));
  return params.toString();
}

/** The class of an input or select inside a FilterField. */
export const filterInputClass = `mt-1 ${inputClass}`;

/** One labelled field of a filter bar; the control inside carries `id`. */
export function FilterField({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * A list's filter bar: a GET form with its fields, Filter and (once filtered) Clear, and below it, the reason when
 * the filters in the URL were refused.
 */
export function FilterForm({
  label,
  clearHref,
  filtered,
  error,
  layout = "mb-5 flex flex-wrap items-end gap-4",
  children,
}: {
  label: string;
  clearHref: string;
  filtered: boolean;
  error?: string | null;
  layout?: string;
  children: ReactNode;
}) {
  return (
    <>
      <form
        method="get"
        aria-label={label}
        className={`rounded-lg border border-slate-200 bg-white p-4 ${layout}`}
      >
        {children}
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>
            Filter
          </button>
          {filtered ? (
            <Link href={clearHref} className={buttonClass("ghost")}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      {error ? (
        <div className="mb-4">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
    </>
  );
}

/** The links to the pages before and after this one (either may be missing). */
export function Pager({
  previous,
  next,
  className = "mt-4",
}: {
  previous: { href: string; label: string } | null;
  next: { href: string; label: string } | null;
  className?: string;
}) {
  return (
    <nav aria-label="Pages" className={`flex justify-between ${className}`}>
      {previous ? (
        <Link href={previous.href} className={buttonClass("secondary")}>
          {previous.label}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.href} className={buttonClass("secondary")}>
          {next.label}
        </Link>
      ) : null}
    </nav>
  );
}
