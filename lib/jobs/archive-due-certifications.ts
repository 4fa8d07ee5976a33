// Which completed certifications are due for archiving, in any tenant: leased like the polls (FOR UPDATE SKIP
// LOCKED), then each archived in a context of its own tenant; a failure is postponed with backoff. An archive
// downloads every artifact and may take long, so the lease is renewed while the work goes on: a worker that dies
// mid-archive (SIGKILL) delays its certifications by one short lease, not by the longest archive.
import { forEachLimited } from "@/lib/for-each-limited";
import { systemDb } from "@/lib/db/client";
import { archiveCertification } from "@/lib/certifications/archive-certification";
import { postponeArchive } from "@/lib/certifications/postpone-archive";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

const LEASE = { leaseSeconds: 60, renewEveryMs: 20_000 };

/** Archives the completed certifications that are due. Returns how many it tried. */
export async function archiveDueCertifications(limit = 10, lease = LEASE): Promise<number> {
  const due = await systemDb.$queryRaw<Array<{ id: string; tenantId: string; archiveAttempts: number }>>`
    UPDATE "Certification" SET "archiveNextAt" = now() + make_interval(secs => ${lease.leaseSeconds})
    WHERE id IN (
      SELECT id FROM "Certification"
      WHERE "archiveNextAt" <= now() AND status = 'completed' AND "archivedAt" IS NULL
      ORDER BY "archiveNextAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "tenantId", "archiveAttempts"`;
  const working = new Set(due.map((row) => row.id));
  const renew = setInterval(() => {
    const ids = [...working];
    if (ids.length === 0) return;
    void systemDb.$executeRaw`
      UPDATE "Certification" SET "archiveNextAt" = now() + make_interval(secs => ${lease.leaseSeconds})
      WHERE id = ANY(${ids}::uuid[]) AND "archivedAt" IS NULL`.catch(() => undefined);
  }, lease.renewEveryMs);
  try {
    await forEachLimited(due, 4, async (row) => {
      const ctx = openTenantContext(row.tenantId, { kind: "system", name: "worker" });
      try {
        await archiveCertification(ctx, row.id);
      } catch (error) {
        await postponeArchive(ctx, row, error);
      } finally {
        working.delete(row.id);
      }
    });
  } finally {
    clearInterval(renew);
  }
  return due.length;
}
