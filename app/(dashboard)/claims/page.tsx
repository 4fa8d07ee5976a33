import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { hasRole } from "@/lib/auth/roles";
import { CLAIM_FILTER_NAMES, claimFilters } from "@/lib/claims/claim-filters";
import { listClaimVendors } from "@/lib/claims/list-claim-vendors";
import { decodeCursor, listClaims } from "@/lib/claims/list-claims";
import { ClaimOutcomeBadge, ClaimV4Flags, ClaimVerdictBadge } from "@/components/claims/claim-badges";
import { apiVersionOf } from "@/lib/claims/v4/trustedform-api-version";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterField, FilterForm, filterInputClass, listQuery, Pager } from "@/components/ui/list-controls";
import { PageHeader } from "@/components/ui/page-header";
import { DisplayName } from "@/components/ui/display-name";
import { displayText } from "@/lib/text/display-name";
import { countDecidableClaims } from "@/lib/claims/count-decidable-claims";
import { listSavedViews } from "@/lib/views/list-saved-views";
import { getSavedView } from "@/lib/views/get-saved-view";
import { normalisedViewQuery } from "@/lib/views/saved-view-input";
import {
  BulkDecisionBar,
  ClaimSelection,
  PageCheckbox,
  RowCheckbox,
} from "@/components/claims/bulk-decision";
import { SavedViews } from "@/components/claims/saved-views";
import { SelectionExport } from "@/components/claims/selection-export";
import { decideClaimsAction, deleteViewAction, saveViewAction } from "./actions";
import { Time } from "@/components/ui/time";

// On a phone the outcome stays; the columns a reviewer needs less give way first (all of them from lg up).
const SHOW = {
  vendor: "hidden sm:table-cell",
  reference: "hidden lg:table-cell",
  api: "hidden lg:table-cell",
  verdict: "hidden md:table-cell",
  required: "hidden lg:table-cell",
  forbidden: "hidden lg:table-cell",
  leadMatch: "hidden lg:table-cell",
  warnings: "hidden lg:table-cell",
  review: "hidden sm:table-cell",
  claimedAt: "hidden md:table-cell",
} as const;
const CLAIM_COLUMNS: Array<[string, string]> = [
  ["Certificate", ""],
  ["Vendor", SHOW.vendor],
  ["Reference", SHOW.reference],
  ["API", SHOW.api],
  ["Outcome", ""],
  ["Verdict", SHOW.verdict],
  ["Required", SHOW.required],
  ["Forbidden", SHOW.forbidden],
  ["Lead match", SHOW.leadMatch],
  ["Warnings", SHOW.warnings],
  ["Review", SHOW.review],
  ["Claimed at", SHOW.claimedAt],
];

export const metadata: Metadata = { title: "Claims" };

export default async function ClaimsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const member = await requirePageMember("viewer");
  const search = await searchParams;
  const raw = Object.fromEntries(CLAIM_FILTER_NAMES.map((k) => [k, search[k] || undefined]));
  const parsed = claimFilters.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const canClaim = hasRole(member.role, "reviewer");
  const [page, vendors, views, view, matching] = await Promise.all([
    listClaims(member, filters, decodeCursor(search.after)),
    listClaimVendors(member),
    listSavedViews(member),
    search.view ? getSavedView(member, search.view) : null,
    canClaim && parsed.success ? countDecidableClaims(member, filters) : 0,
  ]);
  const filtered = Object.values(filters).some(Boolean);
  const query = listQuery(filters);
  // The export is named after the saved view only while the filters are still the view's.
  const activeView = view && normalisedViewQuery(view.query) === normalisedViewQuery(query) ? view : null;
  const filterRecord = Object.fromEntries(
    Object.entries(filters)
      .filter(([, value]) => value)
      .map(([key, value]) => [key, String(value)]),
  );

  return (
    <>
      <PageHeader
        title="Claims"
        description="TrustedForm certificates claimed for your leads, with their consent-language scans, lead matches and, on 4.0, the policy's verdict."
        actions={
          <>
            <Link className={buttonClass("secondary")} href="/claims/review">
              To review
            </Link>
            <a
              className={buttonClass("secondary")}
              href={`/claims/export?${listQuery(filters, { view: activeView?.id })}`}
            >
              Export CSV
            </a>
            {canClaim ? (
              <Link className={buttonClass("secondary")} href="/claims/bulk">
                Bulk claim (CSV)
              </Link>
            ) : null}
            {canClaim ? (
              <Link className={buttonClass("primary")} href="/claims/new">
                Claim a certificate
              </Link>
            ) : null}
          </>
        }
      />
      <SavedViews
        views={views}
        query={query}
        activeId={activeView?.id ?? null}
        save={saveViewAction}
        remove={deleteViewAction}
      />
      <FilterForm
        label="Filter claims"
        clearHref="/claims"
        filtered={filtered}
        error={parsed.success ? null : (parsed.error.issues[0]?.message ?? "Check the filters.")}
      >
        {/* Opened from a batch's page: filtering keeps to that batch. */}
        {filters.batch ? <input type="hidden" name="batch" value={filters.batch} /> : null}
        <FilterField id="f-outcome" label="Outcome">
          <select
            id="f-outcome"
            name="outcome"
            defaultValue={filters.outcome ?? ""}
            className={filterInputClass}
          >
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
            <option value="error">Not claimed</option>
            <option value="unknown">Answer lost</option>
          </select>
        </FilterField>
        <FilterField id="f-vendor" label="Vendor">
          <select
            id="f-vendor"
            name="vendor"
            defaultValue={filters.vendor ?? ""}
            className={filterInputClass}
          >
            <option value="">Any</option>
            {vendors.map((v) => (
              <option key={v} value={v}>
                {displayText(v)}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField id="f-review" label="Review">
          <select
            id="f-review"
            name="review"
            defaultValue={filters.review ?? ""}
            className={filterInputClass}
          >
            <option value="">Any</option>
            <option value="unreviewed">To review</option>
            <option value="accepted">Accepted</option>
            <option value="rejected">Rejected</option>
          </select>
        </FilterField>
        {(
          [
            [
              "version",
              "API version",
              [
                ["3.0", "3.0"],
                ["4.0", "4.0"],
              ],
            ],
            [
              "verdict",
              "Policy verdict",
              [
                ["fail", "Fails the policy"],
                ["pass", "Passes the policy"],
              ],
            ],
          ] as const
        ).map(([name, label, options]) => (
          <FilterField key={name} id={`f-${name}`} label={label}>
            <select
              id={`f-${name}`}
              name={name}
              defaultValue={filters[name] ?? ""}
              className={filterInputClass}
            >
              <option value="">Any</option>
              {options.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </FilterField>
        ))}
        {(
          [
            ["warnings", "yes", "Has warnings"],
            ["match", "failed", "Lead match failed"],
            ["forbidden", "yes", "Forbidden found"],
            ["bot", "yes", "Bot detected"],
            ["oneToOne", "no", "1:1 consent false"],
            ["language", "unapproved", "Language not approved"],
          ] as const
        ).map(([name, value, label]) => (
          <label key={name} className="flex items-end gap-2 pb-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name={name}
              value={value}
              defaultChecked={filters[name] === value}
              className="size-4 accent-brand-600"
            />
            {label}
          </label>
        ))}
        {(
          [
            ["from", "From"],
            ["to", "To"],
          ] as const
        ).map(([name, label]) => (
          <FilterField key={name} id={`f-${name}`} label={label}>
            <input
              id={`f-${name}`}
              type="date"
              name={name}
              defaultValue={filters[name] ?? ""}
              className={filterInputClass}
            />
          </FilterField>
        ))}
      </FilterForm>
      {page.rows.length === 0 ? (
        <EmptyState
          title={filtered ? "No claims match these filters" : "No claims yet"}
          action={
            !filtered && canClaim ? (
              <Link className={buttonClass("primary")} href="/claims/new">
                Claim a certificate
              </Link>
            ) : undefined
          }
        >
          {filtered
            ? "Change or clear the filters."
            : "Claim a TrustedForm certificate to see its consent scans and fingerprint matches here."}
        </EmptyState>
      ) : (
        <ClaimSelection ids={page.rows.map((row) => row.id)}>
          {canClaim ? (
            <BulkDecisionBar matching={matching} filter={filterRecord} decide={decideClaimsAction} />
          ) : null}
          <SelectionExport kind="claim" matching={matching} filter={query} view={activeView?.id} />
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="claims-table">
              <caption className="sr-only">Claims, newest first</caption>
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-3">
                    <PageCheckbox />
                  </th>
                  {CLAIM_COLUMNS.map(([h, show]) => (
                    <th key={h} scope="col" className={`px-3 py-3 ${show}`}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((row) => (
                  <tr key={row.id}>
                    <td className="px-3 py-2.5">
                      <RowCheckbox id={row.id} label={`certificate ${row.certId.slice(0, 14)}`} />
                    </td>
                    <td className="px-3 py-2.5 font-mono text-xs">
                      <Link href={`/claims/${row.id}`} className="text-brand-700 hover:underline">
                        {row.certId.slice(0, 14)}…
                      </Link>
                    </td>
                    <td className={`px-3 py-2.5 ${SHOW.vendor}`}>
                      <DisplayName value={row.vendor} />
                    </td>
                    <td className={`px-3 py-2.5 ${SHOW.reference}`}>
                      <DisplayName value={row.reference} />
                    </td>
                    <td className={`px-3 py-2.5 text-slate-600 ${SHOW.api}`}>
                      {apiVersionOf(row.apiVersion)}
                    </td>
                    <td className="px-3 py-2.5">
                      <ClaimOutcomeBadge status={row.status} outcome={row.outcome} />
                    </td>
                    <td className={`px-3 py-2.5 ${SHOW.verdict}`}>
                      <ClaimVerdictBadge verdict={row.verdict} />
                      <ClaimV4Flags
                        botDetected={row.botDetected}
                        oneToOne={row.oneToOne}
                        languageApproved={row.languageApproved}
                      />
                    </td>
                    <td className={`px-3 py-2.5 ${SHOW.required}`}>
                      {row.status === "claimed" ? `${row.requiredFound}/${row.requiredTotal}` : "—"}
                    </td>
                    <td
                      className={`px-3 py-2.5 ${SHOW.forbidden} ${row.forbiddenFound ? "font-medium text-red-700" : ""}`}
                    >
                      {row.status === "claimed" ? row.forbiddenFound : "—"}
                    </td>
                    <td className={`px-3 py-2.5 ${SHOW.leadMatch}`}>
                      {row.fingerprintMatch === null ? (
                        "—"
                      ) : row.fingerprintMatch ? (
                        "match"
                      ) : (
                        <span className="text-red-700">mismatch</span>
                      )}
                    </td>
                    <td className={`px-3 py-2.5 ${SHOW.warnings}`}>{row.warnings.length || "—"}</td>
                    <td className={`px-3 py-2.5 ${SHOW.review}`}>{row.decision ?? "—"}</td>
                    <td className={`whitespace-nowrap px-3 py-2.5 text-slate-600 ${SHOW.claimedAt}`}>
                      <Time value={row.claimedAt ?? row.createdAt} relative />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </ClaimSelection>
      )}
      <Pager
        previous={search.after ? { href: `/claims?${listQuery(filters)}`, label: "← Newest" } : null}
        next={
          page.next ? { href: `/claims?${listQuery(filters, { after: page.next })}`, label: "Older →" } : null
        }
      />
    </>
  );
}
