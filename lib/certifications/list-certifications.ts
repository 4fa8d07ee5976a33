// The certifications table: filter by status and text, keyset pagination on (createdAt, id) so that a page costs
// the same at the first certification and the hundred-thousandth.
import { z } from "zod";
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import { isUuid } from "@/lib/user-facing-error";

export const CERTIFICATION_STATUSES = [
  "uploading",
  "creating",
  "pending",
  "completed",
  "error",
  "unknown",
] as const;
export type CertificationStatusName = (typeof CERTIFICATION_STATUSES)[number];

export const certificationFilters = z.object({
  status: z.enum(CERTIFICATION_STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
});
export type CertificationFilters = z.infer<typeof certificationFilters>;

export interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  const [createdAt, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !isUuid(id)) return null;
  return { createdAt, id };
}

/** Waiting states: the list polls while a row is in one of them. */
export const LIVE_STATUSES: readonly string[] = ["uploading", "creating", "pending"];

export async function listCertifications(
  scope: TenantScope,
  filters: CertificationFilters,
  after: Cursor | null,
  limit = 50,
) {
  const at = after ? new Date(after.createdAt) : null;
  const keyset =
    at && after ? { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { id: { lt: after.id } }] } : {};
  let text: object = {};
  if (filters.q && /^[0-9a-fA-F]{64}$/.test(filters.q)) {
    // A file's SHA-256: found through the (tenantId, sha256) index of the files, then listed as usual.
    const files = await tenantDb(scope).certificationFile.findMany({
      where: { sha256: filters.q.toLowerCase() },
      select: { certificationId: true },
      take: 1000,
    });
    text = { id: { in: [...new Set(files.map((f) => f.certificationId))] } };
  } else if (filters.q) {
    // Title substring (trigram index) or an exact TrueScreen report id.
    text = {
      OR: [{ title: { contains: filters.q, mode: "insensitive" as const } }, { reportId: filters.q }],
    };
  }
  const rows = await tenantDb(scope).certification.findMany({
    where: { AND: [filters.status ? { status: filters.status } : {}, text, keyset] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      title: true,
      mode: true,
      status: true,
      fileCount: true,
      creditsAmount: true,
      createdByEmail: true,
      createdAt: true,
      archivedAt: true,
    },
  });
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null };
}

/** Current statuses of some certifications of the tenant (the live list and detail page poll this). */
export async function certificationStatuses(scope: TenantScope, ids: string[]) {
  const valid = ids.filter(isUuid).slice(0, 100);
  if (!valid.length) return [];
  return tenantDb(scope).certification.findMany({
    where: { id: { in: valid } },
    select: { id: true, status: true, archivedAt: true, updatedAt: true },
  });
}
