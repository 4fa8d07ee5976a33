// The overview at "/": what the tenant's claims and certifications did in a date range (and for one vendor), and
// the work still open. Every number is read from the database on this visit (exact; the page says when). Charts are
// client components at the leaves; each has its numbers in a table beside it. What each chart counts:
// docs/overview.md.
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { requirePageMember } from "@/app/_auth/require-member";
import { CERTIFICATION_STATUSES } from "@/lib/certifications/certification-status";
import { CLAIM_CATEGORIES, CLAIM_CATEGORY_LABELS, totalOf } from "@/lib/overview/claim-outcome-category";
import { getOverview } from "@/lib/overview/get-overview";
import type { Rate } from "@/lib/overview/get-v4-rates";
import { listOverviewVendors } from "@/lib/overview/list-overview-vendors";
import { parseOverviewFilters } from "@/lib/overview/overview-filters";
import { displayText } from "@/lib/text/display-name";
import { NumbersGrid, NumbersTable } from "@/components/overview/numbers-table";
import { type ChartSeries, StackedBarChart } from "@/components/overview/stacked-bar-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterField, FilterForm, filterInputClass } from "@/components/ui/list-controls";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { formatClock } from "@/lib/text/format-date";

export const metadata: Metadata = { title: "Overview" };

const CLAIM_COLORS: Record<(typeof CLAIM_CATEGORIES)[number], string> = {
  success: "#15803d",
  failure: "#dc2626",
  notClaimed: "#d97706",
  inFlight: "#64748b",
  noOutcome: "#7c3aed",
};
const CERTIFICATION_COLORS: Record<(typeof CERTIFICATION_STATUSES)[number], string> = {
  uploading: "#0ea5e9",
  creating: "#6366f1",
  pending: "#2563eb",
  completed: "#15803d",
  error: "#dc2626",
  unknown: "#64748b",
};
const claimSeries: ChartSeries[] = CLAIM_CATEGORIES.map((key) => ({
  key,
  label: CLAIM_CATEGORY_LABELS[key],
  color: CLAIM_COLORS[key],
}));
const certificationSeries: ChartSeries[] = CERTIFICATION_STATUSES.map((key) => ({
  key,
  label: key[0]!.toUpperCase() + key.slice(1),
  color: CERTIFICATION_COLORS[key],
}));

const n = (value: number) => value.toLocaleString("en");
const percent = (count: number, of: number) => (of ? `${((count / of) * 100).toFixed(1)}%` : "—");

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const member = await requirePageMember("viewer");
  const { filters, refused } = parseOverviewFilters(await searchParams);
  const [overview, vendors] = await Promise.all([getOverview(member, filters), listOverviewVendors(member)]);
  const { claimsPerDay, vendorOutcomes, failureReasons, ruleFailures, v4Rates, pending } = overview;

  const claimTotals = Object.fromEntries(
    CLAIM_CATEGORIES.map((key) => [key, claimsPerDay.reduce((sum, day) => sum + day[key], 0)]),
  ) as Record<(typeof CLAIM_CATEGORIES)[number], number>;
  const claimCount = totalOf(claimTotals);
  const certificationCount = overview.certificationsPerWeek.reduce(
    (sum, week) => sum + CERTIFICATION_STATUSES.reduce((s, status) => s + week[status], 0),
    0,
  );
  const creditTotal = overview.creditsPerWeek.reduce((sum, week) => sum + week.credits, 0);
  const range = `${filters.from} to ${filters.to}`;
  const vendorWords = filters.vendor ? ` for vendor ${displayText(filters.vendor)}` : "";
  const vendorChoices =
    filters.vendor && !vendors.includes(filters.vendor) ? [filters.vendor, ...vendors] : vendors;
  const busiest = claimsPerDay.reduce(
    (best, day) => (totalOf(day) > totalOf(best) ? day : best),
    claimsPerDay[0]!,
  );

  return (
    <>
      <PageHeader
        title="Overview"
        description="What your claims and certifications did in a date range, and the work still open."
      />
      <p className="-mt-3 mb-4 text-sm text-slate-600" data-testid="overview-freshness">
        Numbers as of {formatClock(overview.asOf)}, exact: read from the database on this visit.
      </p>
      <FilterForm
        label="Filter the overview"
        clearHref="/"
        filtered={Boolean(filters.vendor) || refused.length > 0}
        error={refused.length ? refused.join(" ") : null}
      >
        <FilterField id="o-from" label="From">
          <input
            id="o-from"
            type="date"
            name="from"
            defaultValue={filters.from}
            className={filterInputClass}
          />
        </FilterField>
        <FilterField id="o-to" label="To">
          <input id="o-to" type="date" name="to" defaultValue={filters.to} className={filterInputClass} />
        </FilterField>
        <FilterField id="o-vendor" label="Vendor (claims only)">
          <select
            id="o-vendor"
            name="vendor"
            defaultValue={filters.vendor ?? ""}
            className={filterInputClass}
          >
            <option value="">Every vendor</option>
            {vendorChoices.map((vendor) => (
              <option key={vendor} value={vendor}>
                {displayText(vendor)}
              </option>
            ))}
          </select>
        </FilterField>
      </FilterForm>

      <Section id="pending" title="Pending work" note="Now, whatever the dates or vendor.">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="pending-work">
          <Stat label="Claims, answer lost" value={pending.claimsUnknown} href="/claims?outcome=unknown" />
          <Stat label="Claims queued or being sent" value={pending.claimsWaiting} />
          <Stat label="Bulk batches running" value={pending.batchesRunning} />
          <Stat
            label="Certifications uploading"
            value={pending.certificationsUploading}
            href="/certifications?status=uploading"
          />
          <Stat
            label="Certifications pending"
            value={pending.certificationsPending}
            href="/certifications?status=pending"
          />
          <Stat label="Certifications creating or unknown" value={pending.certificationsUnsettled} />
          <Stat label="Completed, not archived yet" value={pending.certificationsUnarchived} />
        </dl>
      </Section>

      {claimCount === 0 && certificationCount === 0 ? (
        <EmptyState
          title={`No claims or certifications from ${range}${vendorWords}`}
          action={
            <div className="flex justify-center gap-2">
              <Link className={buttonClass("secondary")} href="/claims/new">
                Claim a certificate
              </Link>
              <Link className={buttonClass("secondary")} href="/certifications/new">
                Certify files
              </Link>
            </div>
          }
        >
          Choose other dates or another vendor, or start with a claim or a certification: they show here as
          they are made.
        </EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <Section
            id="claims-per-day"
            title="Claims per day, by outcome"
            note={`${range}${vendorWords}, UTC days.`}
          >
            {claimCount === 0 ? (
              <Nothing>No claims in this range.</Nothing>
            ) : (
              <>
                <StackedBarChart
                  testId="chart-claims-per-day"
                  data={claimsPerDay.map((day) => ({ ...day, day: day.day.slice(5) }))}
                  categoryKey="day"
                  series={claimSeries}
                  summary={`Claims per day from ${range}${vendorWords}: ${n(claimCount)} claims, ${CLAIM_CATEGORIES.filter(
                    (key) => claimTotals[key],
                  )
                    .map((key) => `${n(claimTotals[key])} ${CLAIM_CATEGORY_LABELS[key].toLowerCase()}`)
                    .join(", ")}; the busiest day was ${busiest.day} with ${n(totalOf(busiest))}.`}
                />
                <NumbersTable
                  testId="table-claims-per-day"
                  caption="Claims per day by outcome"
                  headers={["Day", ...CLAIM_CATEGORIES.map((key) => CLAIM_CATEGORY_LABELS[key]), "Total"]}
                  rows={[
                    ...claimsPerDay
                      .filter((day) => totalOf(day) > 0)
                      .map((day) => [
                        day.day,
                        ...CLAIM_CATEGORIES.map((key) => n(day[key])),
                        n(totalOf(day)),
                      ]),
                    ["All days", ...CLAIM_CATEGORIES.map((key) => n(claimTotals[key])), n(claimCount)],
                  ]}
                />
              </>
            )}
          </Section>

          <Section
            id="vendors"
            title="Outcome share by vendor"
            note={`${range}; the ${vendorOutcomes.top.length} vendors with the most claims.`}
          >
            {vendorOutcomes.top.length === 0 ? (
              <Nothing>No claims in this range.</Nothing>
            ) : (
              <>
                <StackedBarChart
                  testId="chart-vendors"
                  horizontal
                  height={Math.max(
                    160,
                    36 * (vendorOutcomes.top.length + (vendorOutcomes.others ? 1 : 0)) + 60,
                  )}
                  data={[
                    ...vendorOutcomes.top.map((row) => ({
                      ...row,
                      vendor: row.vendor === null ? "(no vendor)" : displayText(row.vendor),
                    })),
                    ...(vendorOutcomes.others
                      ? [{ ...vendorOutcomes.others, vendor: `${vendorOutcomes.others.vendors} others` }]
                      : []),
                  ]}
                  categoryKey="vendor"
                  series={claimSeries}
                  summary={`Share of outcomes by vendor from ${range}: ${vendorOutcomes.top.map((row) => `${row.vendor === null ? "no vendor" : displayText(row.vendor)} ${percent(row.success, row.total)} success of ${n(row.total)}`).join("; ")}.`}
                />
                <NumbersTable
                  testId="table-vendors"
                  caption="Claims by vendor and outcome"
                  headers={[
                    "Vendor",
                    "Claims",
                    "Success",
                    "Failure",
                    "Not claimed",
                    "In flight",
                    "Success share",
                  ]}
                  rows={[
                    ...vendorOutcomes.top.map((row) => ({
                      ...row,
                      name: row.vendor === null ? "(no vendor)" : displayText(row.vendor),
                    })),
                    ...(vendorOutcomes.others
                      ? [{ ...vendorOutcomes.others, name: `${vendorOutcomes.others.vendors} other vendors` }]
                      : []),
                  ].map((row) => [
                    row.name,
                    n(row.total),
                    n(row.success),
                    n(row.failure),
                    n(row.notClaimed),
                    n(row.inFlight),
                    percent(row.success, row.total),
                  ])}
                />
              </>
            )}
          </Section>

          <Section
            id="failures"
            title="Top failure reasons"
            note={`${n(failureReasons.total)} claims failed or were not claimed.`}
          >
            {failureReasons.reasons.length === 0 ? (
              <Nothing>No failures in this range.</Nothing>
            ) : (
              <NumbersGrid
                testId="table-failure-reasons"
                caption="Top failure reasons"
                headers={["Reason", "Claims", "Share"]}
                rows={failureReasons.reasons.map((row) => [
                  displayText(row.reason),
                  n(row.count),
                  percent(row.count, failureReasons.total),
                ])}
              />
            )}
          </Section>

          <Section
            id="rules"
            title="Policy rules failed (4.0)"
            note={`${n(ruleFailures.failed)} of ${n(ruleFailures.judged)} claims with a verdict failed their policy.`}
          >
            {ruleFailures.rules.length === 0 ? (
              <Nothing>No policy rule failed in this range.</Nothing>
            ) : (
              <NumbersGrid
                testId="table-rule-failures"
                caption="Policy rules failed"
                headers={["Rule", "Claims", "Fact not returned"]}
                rows={ruleFailures.rules.map((row) => [
                  displayText(row.label),
                  n(row.count),
                  n(row.unknownFact),
                ])}
              />
            )}
          </Section>

          <Section
            id="rates"
            title="1:1 consent, bots and consent language (4.0)"
            note={`${n(v4Rates.v4Claims)} claims made with TrustedForm 4.0; each rate counts the claims whose answer had the fact.`}
          >
            <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3" data-testid="v4-rates">
              <RateStat label="1:1 consent false" rate={v4Rates.oneToOneFalse} />
              <RateStat label="Bot detected" rate={v4Rates.botDetected} />
              <RateStat label="Consent language not approved" rate={v4Rates.languageNotApproved} />
            </dl>
          </Section>

          <Section
            id="credits"
            title="Credits spent per week"
            note={`${n(creditTotal)} TrueScreen credits; weeks start on Monday (UTC). Certifications have no vendor.`}
          >
            <StackedBarChart
              testId="chart-credits"
              data={overview.creditsPerWeek}
              categoryKey="week"
              series={[{ key: "credits", label: "Credits", color: "#2563eb" }]}
              summary={`Credits spent per week from ${range}: ${overview.creditsPerWeek.map((week) => `week of ${week.week} ${n(week.credits)}`).join(", ")}.`}
            />
            <NumbersTable
              testId="table-credits"
              caption="Credits spent per week"
              headers={["Week of", "Credits", "Certifications charged"]}
              rows={overview.creditsPerWeek.map((week) => [
                week.week,
                n(week.credits),
                n(week.certifications),
              ])}
            />
          </Section>

          <Section
            id="certifications"
            title="Certifications per week, by status"
            note={`${n(certificationCount)} certifications created; their status now.`}
          >
            <StackedBarChart
              testId="chart-certifications"
              data={overview.certificationsPerWeek}
              categoryKey="week"
              series={certificationSeries}
              summary={`Certifications per week from ${range}: ${overview.certificationsPerWeek.map((week) => `week of ${week.week} ${n(CERTIFICATION_STATUSES.reduce((s, status) => s + week[status], 0))}`).join(", ")}.`}
            />
            <NumbersTable
              testId="table-certifications"
              caption="Certifications per week by status"
              headers={["Week of", ...certificationSeries.map((series) => series.label)]}
              rows={overview.certificationsPerWeek.map((week) => [
                week.week,
                ...CERTIFICATION_STATUSES.map((status) => n(week[status])),
              ])}
            />
          </Section>
        </div>
      )}
    </>
  );
}

function Section({
  id,
  title,
  note,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      {note ? <p className="mb-3 text-xs text-slate-600">{note}</p> : null}
      {children}
    </section>
  );
}

function Nothing({ children }: { children: ReactNode }) {
  return <p className="py-6 text-center text-sm text-slate-600">{children}</p>;
}

function Stat({ label, value, href }: { label: string; value: number; href?: string }) {
  return (
    <div className="rounded-md border border-slate-200 px-3 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-slate-900">
        {href && value > 0 ? (
          <Link href={href} className="text-brand-700 hover:underline">
            {n(value)}
          </Link>
        ) : (
          n(value)
        )}
      </dd>
    </div>
  );
}

function RateStat({ label, rate }: { label: string; rate: Rate }) {
  return (
    <div className="rounded-md border border-slate-200 px-3 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums text-slate-900">
        {percent(rate.count, rate.of)}{" "}
        <span className="text-xs font-normal text-slate-600">
          {n(rate.count)} of {n(rate.of)}
        </span>
      </dd>
    </div>
  );
}
