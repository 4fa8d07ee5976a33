// Chart "Certifications per week by status": the certifications created in each week (Monday, UTC) of the range,
// by their status now.
import type { TenantContext } from "@/lib/core/tenant-context";
import {
  CERTIFICATION_STATUSES,
  type CertificationStatusName,
} from "@/lib/certifications/certification-status";
import { createdWithin, type OverviewFilters, weeksOf } from "./overview-filters";

export type CertificationsWeek = { week: string } & Record<CertificationStatusName, number>;

export async function getCertificationsPerWeek(
  ctx: TenantContext,
  filters: OverviewFilters,
): Promise<CertificationsWeek[]> {
  const rows = await ctx.db.$queryRaw<
    Array<{ week: string; status: CertificationStatusName; count: number }>
  >`
    SELECT to_char(week, 'YYYY-MM-DD') AS week, status::text AS status, count FROM (
      SELECT date_trunc('week', "createdAt") AS week, status, count(*)::int AS count
      FROM "Certification"
      WHERE "tenantId" = ${ctx.tenantId}::uuid AND ${createdWithin(filters)}
      GROUP BY 1, 2
    ) AS weeks`;
  const weeks = new Map(
    weeksOf(filters).map((week) => [
      week,
      {
        week,
        ...Object.fromEntries(CERTIFICATION_STATUSES.map((status) => [status, 0])),
      } as CertificationsWeek,
    ]),
  );
  for (const row of rows) {
    const week = weeks.get(row.week);
    if (week && row.status in week) week[row.status] += Number(row.count);
  }
  return [...weeks.values()];
}
