// Which pending certifications are due for a poll, in any tenant: leased with UPDATE ... FOR UPDATE SKIP LOCKED (so
// several workers share the work and a killed one only delays its rows by the lease), then each polled in a context
// of its own tenant.
import { forEachLimited } from "@/lib/for-each-limited";
import { systemDb } from "@/lib/db/client";
import { pollCertification } from "@/lib/certifications/poll-certification";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

const LEASE_SECONDS = 60;

interface Leased {
  id: string;
  tenantId: string;
  reportId: string;
  pollCount: number;
}

/** Polls the pending certifications that are due. Returns how many it asked about. */
export async function pollDueCertifications(limit = 50): Promise<number> {
  const due = await systemDb.$queryRaw<Leased[]>`
    UPDATE "Certification" SET "nextPollAt" = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE id IN (
      SELECT id FROM "Certification"
      WHERE status = 'pending' AND "nextPollAt" <= now() AND "reportId" IS NOT NULL
      ORDER BY "nextPollAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "tenantId", "reportId", "pollCount"`;
  await forEachLimited(due, 8, async (row) => {
    await pollCertification(openTenantContext(row.tenantId, { kind: "system", name: "worker" }), row);
  });
  return due.length;
}
