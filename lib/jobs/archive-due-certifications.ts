// Which completed certifications are due for archiving, in any tenant: leased like the polls (FOR UPDATE SKIP
// LOCKED, a longer lease since an archive downloads every artifact), then each archived in a context of its own
// tenant; a failure is postponed with backoff.
import { forEachLimited } from "@/lib/for-each-limited";
import { systemDb } from "@/lib/db/client";
import { archiveCertification } from "@/lib/certifications/archive-certification";
import { postponeArchive } from "@/lib/certifications/postpone-archive";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

const LEASE_SECONDS = 30 * 60;

/** Archives the completed certifications that are due. Returns how many it tried. */
export async function archiveDueCertifications(limit = 10): Promise<number> {
  const due = await systemDb.$queryRaw<Array<{ id: string; tenantId: string; archiveAttempts: number }>>`
    UPDATE "Certification" SET "archiveNextAt" = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE id IN (
      SELECT id FROM "Certification"
      WHERE "archiveNextAt" <= now() AND status = 'completed' AND "archivedAt" IS NULL
      ORDER BY "archiveNextAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "tenantId", "archiveAttempts"`;
  await forEachLimited(due, 4, async (row) => {
    const ctx = openTenantContext(row.tenantId, { kind: "system", name: "worker" });
    try {
      await archiveCertification(ctx, row.id);
    } catch (error) {
      await postponeArchive(ctx, row, error);
    }
  });
  return due.length;
}
