// The certifications table: filter by status and text, keyset pagination on (createdAt, id) so that a page costs
// the same at the first certification and the hundred-thousandth.
import { z } from "zod";
import type { TenantContext } from "@/lib/core/tenant-context";
import { afterCursor, keysetPage, NEWEST_FIRST, type KeysetCursor } from "@/lib/core/keyset";
import { CERTIFICATION_STATUSES } from "./certification-status";

export const certificationFilters = z.object({
  status: z.enum(CERTIFICATION_STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
});
export type CertificationFilters = z.infer<typeof certificationFilters>;

export { decodeCursor, encodeCursor } from "@/lib/core/keyset";

export async function listCertifications(
  ctx: TenantContext,
  filters: CertificationFilters,
  after: KeysetCursor | null,
  limit = 50,
) {
  let text: object = {};
  if (filters.q && /^[0-9a-fA-F]{64}$/.test(filters.q)) {
    // A file's SHA-256: found through the (tenantId, sha256) index of the files, then listed as usual.
    const files = await ctx.db.certificationFile.findMany({
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
  const rows = await ctx.db.certification.findMany({
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
