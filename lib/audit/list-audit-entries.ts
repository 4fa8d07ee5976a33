// The audit log of a tenant, newest first, filtered and paged by keyset (the entry's position in the chain), so
// that a page costs the same at entry 10 and at entry 10 million.
import { z } from "zod";
import type { TenantContext } from "@/lib/core/tenant-context";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD.")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "That date does not exist.");

export const auditFilters = z.object({
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  target: z.string().trim().max(200).optional(),
  from: day.optional(),
  to: day.optional(),
});

export type AuditFilters = z.infer<typeof auditFilters>;

export interface AuditRow {
  seq: number;
  createdAt: Date;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  ip: string | null;
  prevHash: string;
  hash: string;
}

function where(filters: AuditFilters) {
  const clauses: object[] = [];
  if (filters.actor) clauses.push({ actorEmail: { contains: filters.actor, mode: "insensitive" } });
  if (filters.action) clauses.push({ action: { startsWith: filters.action } });
  if (filters.target)
    clauses.push({ OR: [{ targetType: filters.target }, { targetId: { contains: filters.target } }] });
  if (filters.from) clauses.push({ createdAt: { gte: new Date(`${filters.from}T00:00:00Z`) } });
  if (filters.to)
    clauses.push({ createdAt: { lt: new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000) } });
  return clauses.length ? { AND: clauses } : {};
}

const select = {
  seq: true,
  createdAt: true,
  actorEmail: true,
  action: true,
  targetType: true,
  targetId: true,
  details: true,
  ip: true,
  prevHash: true,
  hash: true,
} as const;

export interface AuditPage {
  rows: AuditRow[];
  /** Pass as `before` for the next (older) page. */
  olderCursor: number | null;
  /** Pass as `after` for the previous (newer) page. */
  newerCursor: number | null;
}

export async function listAuditEntries(
  context: TenantContext,
  filters: AuditFilters,
  page: { before?: number; after?: number; limit?: number } = {},
): Promise<AuditPage> {
  const limit = Math.min(page.limit ?? 50, 500);
  const { db } = context;
  if (page.after !== undefined) {
    const newer = await db.auditEntry.findMany({
      where: { ...where(filters), seq: { gt: page.after } },
      orderBy: { seq: "asc" },
      take: limit + 1,
      select,
    });
    const hasNewer = newer.length > limit;
    const rows = newer.slice(0, limit).reverse();
    return {
      rows,
      olderCursor: rows.length ? rows[rows.length - 1]!.seq : null,
      newerCursor: hasNewer && rows.length ? rows[0]!.seq : null,
    };
  }
  const rows = await db.auditEntry.findMany({
    where: { ...where(filters), ...(page.before !== undefined ? { seq: { lt: page.before } } : {}) },
    orderBy: { seq: "desc" },
    take: limit + 1,
    select,
  });
  const hasOlder = rows.length > limit;
  const shown = rows.slice(0, limit);
  return {
    rows: shown,
    olderCursor: hasOlder ? shown[shown.length - 1]!.seq : null,
    newerCursor: page.before !== undefined && shown.length ? shown[0]!.seq : null,
  };
}
