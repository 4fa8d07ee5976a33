// The whole overview page in one call: every aggregate at once (each its own statement, run side by side), and the
// moment they were read, which the page shows ("as of 14:05 UTC, exact": the numbers are read on every visit).
import type { TenantContext } from "@/lib/core/tenant-context";
import { getCertificationsPerWeek } from "./get-certifications-per-week";
import { getClaimsPerDay } from "./get-claims-per-day";
import { getCreditsPerWeek } from "./get-credits-per-week";
import { getFailureReasons } from "./get-failure-reasons";
import { getPendingWork } from "./get-pending-work";
import { getRuleFailures } from "./get-rule-failures";
import { getV4Rates } from "./get-v4-rates";
import { getVendorOutcomes } from "./get-vendor-outcomes";
import type { OverviewFilters } from "./overview-filters";

export type Overview = Awaited<ReturnType<typeof getOverview>>;

export async function getOverview(ctx: TenantContext, filters: OverviewFilters) {
  const asOf = new Date();
  const [
    claimsPerDay,
    vendorOutcomes,
    failureReasons,
    ruleFailures,
    v4Rates,
    creditsPerWeek,
    certificationsPerWeek,
    pending,
  ] = await Promise.all([
    getClaimsPerDay(ctx, filters),
    getVendorOutcomes(ctx, filters),
    getFailureReasons(ctx, filters),
    getRuleFailures(ctx, filters),
    getV4Rates(ctx, filters),
    getCreditsPerWeek(ctx, filters),
    getCertificationsPerWeek(ctx, filters),
    getPendingWork(ctx),
  ]);
  return {
    asOf,
    filters,
    claimsPerDay,
    vendorOutcomes,
    failureReasons,
    ruleFailures,
    v4Rates,
    creditsPerWeek,
    certificationsPerWeek,
    pending,
  };
}
