import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { hasRole } from "@/lib/auth/roles";
import { LIVE_STATUSES } from "@/lib/certifications/certification-status";
import {
  certificationFilters,
  decodeCursor,
  listCertifications,
} from "@/lib/certifications/list-certifications";
import { CertificationStatusBadge } from "@/components/certifications/certification-status-badge";
import { getCreditsBalance } from "@/lib/certifications/get-credits-balance";
import { CreditsBalance } from "@/components/certifications/credits-balance";
import { LiveRefresh } from "@/components/certifications/live-refresh";
import { DropCheck } from "@/components/certifications/drop-check";
import { findCertifiedAction } from "./actions";
import { buttonClass } from "@/components/ui/button";
import { ClaimSelection, PageCheckbox, RowCheckbox } from "@/components/claims/bulk-decision";
import { SelectionExport } from "@/components/claims/selection-export";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterField, FilterForm, filterInputClass, listQuery, Pager } from "@/components/ui/list-controls";
import { PageHeader } from "@/components/ui/page-header";
import { DisplayName } from "@/components/ui/display-name";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Certifications" };

export default async function CertificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const member = await requirePageMember("viewer");
  const search = await searchParams;
  const parsed = certificationFilters.safeParse({
    status: search.status || undefined,
    q: search.q || undefined,
  });
  const filters = parsed.success ? parsed.data : {};
  const page = await listCertifications(member.context, filters, decodeCursor(search.after));
  const credits = await getCreditsBalance(member.context, 3000);
  const canCertify = hasRole(member.role, "certifier");
  const filtered = Boolean(filters.status || filters.q);
  const watch = Object.fromEntries(
    page.rows
      .filter((row) => LIVE_STATUSES.includes(row.status))
      .map((row) => [row.id, `${row.status}/${Boolean(row.archivedAt)}`]),
  );

  return (
    <>
      <PageHeader
        title="Certifications"
        description="Evidence certified with TrueScreen: hashes computed in your browser, or files uploaded straight to TrueScreen."
        actions={
          <>
            <CreditsBalance balance={credits} />
            {canCertify ? (
              <Link className={buttonClass("primary")} href="/certifications/new">
                New certification
              </Link>
            ) : null}
          </>
        }
      />
      <LiveRefresh watch={watch} />
      <DropCheck canCertify={canCertify} findCertifiedAction={findCertifiedAction} />
      <FilterForm
        label="Filter certifications"
        clearHref="/certifications"
        filtered={filtered}
        error={parsed.success ? null : (parsed.error.issues[0]?.message ?? "Check the filters.")}
      >
        <FilterField id="f-status" label="Status">
          <select
            id="f-status"
            name="status"
            defaultValue={filters.status ?? ""}
            className={filterInputClass}
          >
            <option value="">Any</option>
            <option value="pending">Pending</option>
            <option value="completed">Completed</option>
            <option value="error">Error</option>
            <option value="unknown">Check needed</option>
            <option value="uploading">Uploading</option>
          </select>
        </FilterField>
        <FilterField id="f-q" label="Search" className="min-w-64 flex-1">
          <input
            id="f-q"
            name="q"
            defaultValue={filters.q ?? ""}
            placeholder="Title, report id or a file's SHA-256"
            className={filterInputClass}
          />
        </FilterField>
      </FilterForm>
      {page.rows.length === 0 ? (
        <EmptyState title={filtered ? "No certification matches these filters" : "No certifications yet"}>
          {filtered
            ? "Change or clear the filters."
            : canCertify
              ? "Drop files on New certification to certify them with TrueScreen."
              : "Certifiers and admins of this tenant create certifications."}
        </EmptyState>
      ) : (
        <ClaimSelection ids={page.rows.map((row) => row.id)}>
          <SelectionExport kind="certification" csv={false} />
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Certifications, newest first</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2.5">
                    <PageCheckbox label="Select every certification on this page" />
                  </th>
                  <th scope="col" className="px-4 py-2.5">
                    Title
                  </th>
                  <th scope="col" className="hidden px-4 py-2.5 lg:table-cell">
                    Mode
                  </th>
                  <th scope="col" className="hidden px-4 py-2.5 text-right md:table-cell">
                    Files
                  </th>
                  <th scope="col" className="px-4 py-2.5">
                    Status
                  </th>
                  <th scope="col" className="hidden px-4 py-2.5 text-right lg:table-cell">
                    Credits
                  </th>
                  <th scope="col" className="hidden px-4 py-2.5 md:table-cell">
                    Created by
                  </th>
                  <th scope="col" className="hidden px-4 py-2.5 sm:table-cell">
                    Created
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((row) => (
                  <tr key={row.id} className="hover:bg-slate-50">
                    <td className="px-4 py-2.5">
                      <RowCheckbox id={row.id} label={`certification ${row.title}`} />
                    </td>
                    <td className="max-w-40 truncate px-4 py-2.5 font-medium sm:max-w-sm">
                      <Link href={`/certifications/${row.id}`} className="text-brand-700 hover:underline">
                        <DisplayName value={row.title} />
                      </Link>
                    </td>
                    <td className="hidden px-4 py-2.5 text-slate-700 lg:table-cell">
                      {row.mode === "hash" ? "Hashes" : "Files"}
                    </td>
                    <td className="hidden px-4 py-2.5 text-right tabular-nums md:table-cell">
                      {row.fileCount}
                    </td>
                    <td className="px-4 py-2.5">
                      <CertificationStatusBadge status={row.status} />
                    </td>
                    <td className="hidden px-4 py-2.5 text-right tabular-nums lg:table-cell">
                      {row.creditsAmount ?? "—"}
                    </td>
                    <td className="hidden px-4 py-2.5 text-slate-700 md:table-cell">
                      <DisplayName value={row.createdByEmail} />
                    </td>
                    <td className="hidden px-4 py-2.5 whitespace-nowrap text-slate-700 sm:table-cell">
                      <Time value={row.createdAt} relative />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </ClaimSelection>
      )}
      <Pager
        previous={search.after ? { href: `/certifications?${listQuery(filters)}`, label: "← Newest" } : null}
        next={
          page.next
            ? { href: `/certifications?${listQuery(filters, { after: page.next })}`, label: "Older →" }
            : null
        }
      />
    </>
  );
}
