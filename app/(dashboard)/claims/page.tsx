import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { hasRole } from "@/lib/auth/roles";
import {
  claimFilters,
  decodeCursor,
  listClaims,
  listVendors,
  type ClaimFilters,
} from "@/lib/claims/list-claims";
import { ClaimOutcomeBadge } from "@/components/claims/claim-badges";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Claims" };

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function query(filters: ClaimFilters, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra }))
    if (value) params.set(key, String(value));
  return params.toString();
}

export default async function ClaimsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const member = await requirePageMember("viewer");
  const search = await searchParams;
  const raw = Object.fromEntries(
    ["outcome", "vendor", "batch", "warnings", "mismatch", "forbidden", "from", "to"].map((k) => [
      k,
      search[k] || undefined,
    ]),
  );
  const parsed = claimFilters.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const [page, vendors] = await Promise.all([
    listClaims(member, filters, decodeCursor(search.after)),
    listVendors(member),
  ]);
  const filtered = Object.values(filters).some(Boolean);
  const canClaim = hasRole(member.role, "reviewer");

  return (
    <>
      <PageHeader
        title="Claims"
        description="TrustedForm certificates claimed for your leads, with their consent-language scans and fingerprint matches."
        actions={
          <>
            <a className={buttonClass("secondary")} href={`/claims/export?${query(filters)}`}>
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
      <form
        method="get"
        aria-label="Filter claims"
        className="mb-5 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div>
          <label htmlFor="f-outcome" className="block text-xs font-medium text-slate-700">
            Outcome
          </label>
          <select
            id="f-outcome"
            name="outcome"
            defaultValue={filters.outcome ?? ""}
            className={`mt-1 ${inputClass}`}
          >
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
            <option value="error">Not claimed</option>
            <option value="unknown">Answer lost</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-vendor" className="block text-xs font-medium text-slate-700">
            Vendor
          </label>
          <select
            id="f-vendor"
            name="vendor"
            defaultValue={filters.vendor ?? ""}
            className={`mt-1 ${inputClass}`}
          >
            <option value="">Any</option>
            {vendors.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
        {(
          [
            ["warnings", "Has warnings"],
            ["mismatch", "Fingerprint mismatch"],
            ["forbidden", "Forbidden found"],
          ] as const
        ).map(([name, label]) => (
          <label key={name} className="flex items-end gap-2 pb-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name={name}
              value="yes"
              defaultChecked={filters[name] === "yes"}
              className="size-4 accent-brand-600"
            />
            {label}
          </label>
        ))}
        <div>
          <label htmlFor="f-from" className="block text-xs font-medium text-slate-700">
            From
          </label>
          <input
            id="f-from"
            type="date"
            name="from"
            defaultValue={filters.from ?? ""}
            className={`mt-1 ${inputClass}`}
          />
        </div>
        <div>
          <label htmlFor="f-to" className="block text-xs font-medium text-slate-700">
            To
          </label>
          <input
            id="f-to"
            type="date"
            name="to"
            defaultValue={filters.to ?? ""}
            className={`mt-1 ${inputClass}`}
          />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>
            Filter
          </button>
          {filtered ? (
            <Link href="/claims" className={buttonClass("ghost")}>
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      {!parsed.success ? (
        <div className="mb-4">
          <Alert tone="error">{parsed.error.issues[0]?.message ?? "Check the filters."}</Alert>
        </div>
      ) : null}
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
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="claims-table">
            <caption className="sr-only">Claims, newest first</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                {[
                  "Certificate",
                  "Vendor",
                  "Reference",
                  "Outcome",
                  "Required",
                  "Forbidden",
                  "Fingerprint",
                  "Warnings",
                  "Review",
                  "Claimed at",
                ].map((h) => (
                  <th key={h} scope="col" className="px-3 py-3">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((row) => (
                <tr key={row.id}>
                  <td className="px-3 py-2.5 font-mono text-xs">
                    <Link href={`/claims/${row.id}`} className="text-brand-700 hover:underline">
                      {row.certId.slice(0, 14)}…
                    </Link>
                  </td>
                  <td className="px-3 py-2.5">{row.vendor ?? "—"}</td>
                  <td className="px-3 py-2.5">{row.reference ?? "—"}</td>
                  <td className="px-3 py-2.5">
                    <ClaimOutcomeBadge status={row.status} outcome={row.outcome} />
                  </td>
                  <td className="px-3 py-2.5">
                    {row.status === "claimed" ? `${row.requiredFound}/${row.requiredTotal}` : "—"}
                  </td>
                  <td className={`px-3 py-2.5 ${row.forbiddenFound ? "font-medium text-red-700" : ""}`}>
                    {row.status === "claimed" ? row.forbiddenFound : "—"}
                  </td>
                  <td className="px-3 py-2.5">
                    {row.fingerprintMatch === null ? (
                      "—"
                    ) : row.fingerprintMatch ? (
                      "match"
                    ) : (
                      <span className="text-red-700">mismatch</span>
                    )}
                  </td>
                  <td className="px-3 py-2.5">{row.warnings.length || "—"}</td>
                  <td className="px-3 py-2.5">{row.decision ?? "—"}</td>
                  <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">
                    {time.format(row.claimedAt ?? row.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="mt-4 flex justify-between">
        {search.after ? (
          <Link href={`/claims?${query(filters)}`} className={buttonClass("secondary")}>
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {page.next ? (
          <Link href={`/claims?${query(filters, { after: page.next })}`} className={buttonClass("secondary")}>
            Older →
          </Link>
        ) : null}
      </nav>
    </>
  );
}
