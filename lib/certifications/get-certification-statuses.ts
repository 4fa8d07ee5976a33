// Current statuses of some certifications of the tenant, for the live list and detail page (TanStack Query polls
// them). Ids that are malformed or another tenant's are simply absent from the answer.
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";

export async function getCertificationStatuses(
  ctx: TenantContext,
  ids: string[],
): Promise<Array<{ id: string; status: string; archived: boolean }>> {
  const valid = ids.filter(isUuid).slice(0, 100);
  if (!valid.length) return [];
  const rows = await ctx.db.certification.findMany({
    where: { id: { in: valid } },
    select: { id: true, status: true, archivedAt: true },
  });
  return rows.map((row) => ({ id: row.id, status: row.status, archived: Boolean(row.archivedAt) }));
}
