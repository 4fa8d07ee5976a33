// Which tenants have uploads the browser abandoned: found across tenants, then closed in a context of each tenant.
import { systemDb } from "@/lib/db/client";
import {
  ABANDONED_UPLOAD_MINUTES,
  closeAbandonedUploads,
} from "@/lib/certifications/close-abandoned-uploads";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

/** Closes every tenant's abandoned uploads. Returns how many. */
export async function closeAbandonedUploadsEverywhere(): Promise<number> {
  const tenants = await systemDb.certification.findMany({
    where: {
      status: "uploading",
      updatedAt: { lt: new Date(Date.now() - ABANDONED_UPLOAD_MINUTES * 60_000) },
    },
    distinct: ["tenantId"],
    select: { tenantId: true },
  });
  let closed = 0;
  for (const { tenantId } of tenants)
    closed += await closeAbandonedUploads(openTenantContext(tenantId, { kind: "system", name: "worker" }));
  return closed;
}
