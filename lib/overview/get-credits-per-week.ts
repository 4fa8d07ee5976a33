// Chart "Credits spent per week": the TrueScreen credits charged (Certification.creditsAmount, from TrueScreen's
// answer to the create call) for the certifications created in each week (Monday, UTC) of the range. Certifications
// TrueScreen never accepted carry no amount and add nothing.
import type { TenantContext } from "@/lib/core/tenant-context";
import { createdWithin, type OverviewFilters, weeksOf } from "./overview-filters";

export interface CreditsWeek {
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  credits: number;
  certifications: number;
}

export async function getCreditsPerWeek(
  ctx: TenantContext,
  filters: OverviewFilters,
): Promise<CreditsWeek[]> {
  const rows = await ctx.db.$queryRaw<Array<{ week: string; credits: number; certifications: number }>>`
    SELECT to_char(week, 'YYYY-MM-DD') AS week, credits, certifications FROM (
      SELECT date_trunc('week', "createdAt") AS week, coalesce(sum("creditsAmount"), 0)::bigint AS credits,
        count(*)::int AS certifications
      FROM "Certification"
      WHERE "tenantId" = ${ctx.tenantId}::uuid AND ${createdWithin(filters)} AND "creditsAmount" IS NOT NULL
      GROUP BY 1
    ) AS weeks`;
  const byWeek = new Map(rows.map((row) => [row.week, row]));
  return weeksOf(filters).map((week) => ({
    week,
    credits: Number(byWeek.get(week)?.credits ?? 0),
    certifications: Number(byWeek.get(week)?.certifications ?? 0),
  }));
}
