// The TenantContext a claims job works in: the job's tenant, and the worker acting on behalf of the person who
// started the work (the batch's or claim's creator), so that the audit entries it writes keep naming them.
import type { TenantContext } from "@/lib/core/tenant-context";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

export function claimWorkerContext(
  tenantId: string,
  creator: { createdById: string | null; createdByEmail: string | null },
): TenantContext {
  return openTenantContext(tenantId, {
    kind: "system",
    name: "worker",
    onBehalfOf: { userId: creator.createdById, email: creator.createdByEmail },
  });
}
