// The tenant's claim settings: whether single claims send the lead's raw email and phone (else fingerprints), and
// how many bulk claims are in flight at once.
import type { TenantContext } from "@/lib/core/tenant-context";

export async function getClaimSettings(
  context: TenantContext,
): Promise<{ sendRawContact: boolean; concurrency: number }> {
  const tenant = await context.db.tenant.findFirstOrThrow({
    select: { claimSendsRawContact: true, claimConcurrency: true },
  });
  return { sendRawContact: tenant.claimSendsRawContact, concurrency: tenant.claimConcurrency };
}
