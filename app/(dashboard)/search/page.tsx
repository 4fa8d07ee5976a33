import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { searchTenant } from "@/lib/search/search-tenant";
import { searchGroups } from "@/components/search/search-links";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Search" };

/** The full results of a search: up to 25 of each kind. */
export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const member = await requirePageMember("viewer");
  const raw = (await searchParams).q;
  const q = typeof raw === "string" ? raw : "";
  const results = await searchTenant(member, { q, limit: 25 });
  const groups = searchGroups(results);
  return (
    <>
      <PageHeader
        title="Search"
        description="Claim references and certificate ids (from their start), vendors (from their start), certification titles (anywhere), TrueScreen report ids and file SHA-256 values (whole), and members' emails (admins)."
      />
      <form action="/search" role="search" className="mb-6 flex max-w-xl gap-2">
        <label htmlFor="search-page-q" className="sr-only">
          Search
        </label>
        <input
          id="search-page-q"
          name="q"
          type="search"
          defaultValue={results.query}
          maxLength={2000}
          className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
          Search
        </button>
      </form>
      {!results.query ? (
        <EmptyState title="Search the desk">
          Type a reference, vendor, certificate id, title, SHA-256 or email.
        </EmptyState>
      ) : groups.length === 0 ? (
        <EmptyState title={`Nothing found for “${results.query}”`}>
          A person&apos;s email or phone is not searched here: use the{" "}
          <Link href="/claims/lookup" className="text-brand-700 underline">
            consent lookup
          </Link>
          , which hashes it in your browser.
        </EmptyState>
      ) : (
        <div className="grid gap-6">
          {groups.map((group) => (
            <section key={group.kind} aria-labelledby={`search-${group.kind}`}>
              <h2 id={`search-${group.kind}`} className="mb-2 text-sm font-semibold text-slate-900">
                {group.title} ({group.links.length}
                {group.links.length === 25 ? "+" : ""})
              </h2>
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                {group.links.map((link) => (
                  <li key={link.key} className="px-4 py-2 text-sm">
                    <Link href={link.href} className="font-medium text-brand-700 hover:underline">
                      {link.label}
                    </Link>
                    {link.detail ? <span className="ml-2 text-slate-500">{link.detail}</span> : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
