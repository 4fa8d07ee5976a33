import type { Metadata } from "next";
import { requirePageMember } from "@/app/_auth/require-member";
import { auditFilters, listAuditEntries, type AuditFilters } from "@/lib/audit/list-audit-entries";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterField, FilterForm, filterInputClass, listQuery, Pager } from "@/components/ui/list-controls";
import { PageHeader } from "@/components/ui/page-header";
import { verifyChainAction } from "./actions";
import { DisplayName } from "@/components/ui/display-name";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | undefined>;

const timeFormat = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});
const cursor = (value: string | undefined) => (value && /^\d{1,10}$/.test(value) ? Number(value) : undefined);

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const member = await requirePageMember("admin");
  const search = await searchParams;
  const raw = {
    actor: search.actor || undefined,
    action: search.action || undefined,
    target: search.target || undefined,
    from: search.from || undefined,
    to: search.to || undefined,
  };
  const parsed = auditFilters.safeParse(raw);
  const filters: AuditFilters = parsed.success ? parsed.data : {};
  const page = await listAuditEntries(member, filters, {
    before: cursor(search.before),
    after: cursor(search.after),
  });
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, membership change, key change and export of this tenant. Append-only; each entry holds the SHA-256 of the one before it."
        actions={
          <>
            <a
              className={buttonClass("secondary")}
              href={`/settings/audit/export?${listQuery(filters, { format: "csv" })}`}
            >
              Export CSV
            </a>
            <a
              className={buttonClass("secondary")}
              href={`/settings/audit/export?${listQuery(filters, { format: "jsonl" })}`}
            >
              Export JSON Lines
            </a>
          </>
        }
      />
      <div className="space-y-6">
        <VerifyChainButton verify={verifyChainAction} />
        <FilterForm
          label="Filter the audit log"
          clearHref="/settings/audit"
          filtered={filtered}
          error={parsed.success ? null : (parsed.error.issues[0]?.message ?? "Check the filters.")}
          layout="grid gap-3 sm:grid-cols-3 lg:grid-cols-6"
        >
          {[
            { name: "actor", label: "Actor", placeholder: "email contains", type: "text" },
            { name: "action", label: "Action", placeholder: "e.g. member. or auth.login", type: "text" },
            { name: "target", label: "Target", placeholder: "type or id", type: "text" },
            { name: "from", label: "From", placeholder: "", type: "date" },
            { name: "to", label: "To", placeholder: "", type: "date" },
          ].map((field) => (
            <FilterField key={field.name} id={`filter-${field.name}`} label={field.label}>
              <input
                id={`filter-${field.name}`}
                name={field.name}
                type={field.type}
                placeholder={field.placeholder}
                defaultValue={raw[field.name as keyof typeof raw] ?? ""}
                className={filterInputClass}
              />
            </FilterField>
          ))}
        </FilterForm>

        {page.rows.length === 0 ? (
          <EmptyState title={filtered ? "No entries match these filters" : "No entries yet"}>
            {filtered
              ? "Change or clear the filters."
              : "Entries appear as people sign in and change things."}
          </EmptyState>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
              <caption className="sr-only">Audit log entries, newest first</caption>
              <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-3">
                    #
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Time (UTC)
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Actor
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Action
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Target
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Details
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((row) => (
                  <tr key={row.seq} className="align-top">
                    <td className="px-4 py-2.5 font-mono text-xs text-slate-500">{row.seq}</td>
                    <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">
                      {timeFormat.format(row.createdAt)}
                    </td>
                    <td className="px-4 py-2.5 text-slate-800">
                      <DisplayName value={row.actorEmail} fallback="system" />
                    </td>
                    <td className="px-4 py-2.5 font-mono text-xs text-slate-900">{row.action}</td>
                    <td className="px-4 py-2.5 text-slate-600">
                      {[row.targetType, row.targetId].filter(Boolean).join(" ")}
                    </td>
                    <td className="max-w-md px-4 py-2.5 font-mono text-xs break-all text-slate-600">
                      <DisplayName value={JSON.stringify(row.details)} fallback="" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          className=""
          previous={
            page.newerCursor !== null
              ? {
                  href: `/settings/audit?${listQuery(filters, { after: page.newerCursor })}`,
                  label: "← Newer",
                }
              : null
          }
          next={
            page.olderCursor !== null
              ? {
                  href: `/settings/audit?${listQuery(filters, { before: page.olderCursor })}`,
                  label: "Older →",
                }
              : null
          }
        />
      </div>
    </>
  );
}
