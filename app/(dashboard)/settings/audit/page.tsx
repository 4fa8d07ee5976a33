import type { Metadata } from "next";
import { requirePageMember } from "@/app/_auth/require-member";
import {
  AUDIT_HEAD_CERTIFICATION_CREDITS_PER_DAY,
  getAuditHeadCertify,
} from "@/lib/audit/get-audit-head-certify";
import { listAuditHeadCertifications } from "@/lib/audit/list-audit-head-certifications";
import { auditFilters, listAuditEntries, type AuditFilters } from "@/lib/audit/list-audit-entries";
import { HeadCertificationSetting } from "@/components/audit/head-certification-setting";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterField, FilterForm, filterInputClass, listQuery, Pager } from "@/components/ui/list-controls";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { DisplayName } from "@/components/ui/display-name";
import { setAuditHeadCertifyAction, verifyChainAction } from "./actions";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | undefined>;

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
  const [headCertify, headCertifications] = await Promise.all([
    getAuditHeadCertify(member),
    listAuditHeadCertifications(member),
  ]);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, membership change, key change and export of this tenant. Append-only; each entry is sealed with an HMAC over itself and the entry before it, and the newest is anchored outside the database."
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
        <section
          aria-labelledby="head-certification-title"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
          data-testid="head-certification"
        >
          <div>
            <h2 id="head-certification-title" className="text-sm font-semibold text-slate-900">
              Daily TrueScreen certification of the newest entry
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              {headCertify
                ? `On: once a day the newest anchor is certified with TrueScreen (${AUDIT_HEAD_CERTIFICATION_CREDITS_PER_DAY} credit a day).`
                : "Off. When on, a third party timestamps the newest entry of this log once a day."}
            </p>
          </div>
          <HeadCertificationSetting
            enabled={headCertify}
            creditsPerDay={AUDIT_HEAD_CERTIFICATION_CREDITS_PER_DAY}
            setEnabled={setAuditHeadCertifyAction}
          />
          {headCertifications.length > 0 ? (
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="head-certifications">
              <caption className="sr-only">Daily certifications of the audit log head, newest first</caption>
              <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    Time (UTC)
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Entry
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Anchor SHA-256
                  </th>
                  <th scope="col" className="py-2">
                    Certification
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {headCertifications.map((row) => (
                  <tr key={row.id}>
                    <td className="whitespace-nowrap py-2 pr-4 text-slate-600">
                      <Time value={row.createdAt} seconds />
                    </td>
                    <td className="py-2 pr-4 font-mono text-xs">#{row.seq}</td>
                    <td
                      className="py-2 pr-4 font-mono text-xs break-all text-slate-600"
                      title={row.anchorKey}
                    >
                      {row.anchorSha256}
                    </td>
                    <td className="py-2">
                      {row.certificationId ? (
                        <a
                          className="text-brand-700 underline"
                          href={`/certifications/${row.certificationId}`}
                        >
                          {row.certificationStatus ?? "open"}
                        </a>
                      ) : (
                        <span className="text-slate-600">
                          not certified (the audit log says why: audit.head_certification_failed)
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
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
          <ScrollRegion label="Audit log entries" className="rounded-lg border border-slate-200 bg-white">
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
                      <Time value={row.createdAt} seconds />
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
          </ScrollRegion>
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
