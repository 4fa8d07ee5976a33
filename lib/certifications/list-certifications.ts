// The certifications table: filter by status and text, keyset pagination on (createdAt, id) so that a page costs
// the same at the first certification and the hundred-thousandth.
import { z } from "zod";
import { afterCursor, keysetPage, NEWEST_FIRST, type KeysetCursor } from "@/lib/db/keyset";
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import { isUuid } from "@/lib/core/ids";

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

export { decodeCursor, encodeCursor } from "@/lib/db/keyset";

/** Waiting states: the list polls while a row is in one of them. */
export const LIVE_STATUSES: readonly string[] = ["uploading", "creating", "pending"];

export async function listCertifications(
  scope: TenantScope,
  filters: CertificationFilters,
  after: KeysetCursor | null,
  limit = 50,
) {
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
    where: { AND: [filters.status ? { status: filters.status } : {}, text, afterCursor(after)] },
    orderBy: NEWEST_FIRST,
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
  return keysetPage(rows, limit);
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
