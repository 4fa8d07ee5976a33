// The one write of the tenant's claim settings: the change and its audit entry ("claims.settings_changed") commit
// together. The setters (set-claim-concurrency.ts, set-claim-sends-raw-contact.ts) check their value first.
import type { TenantContext } from "@/lib/core/tenant-context";

export async function saveClaimSettings(
  context: TenantContext,
  data: { claimConcurrency?: number; claimSendsRawContact?: boolean },
  details: Record<string, unknown>,
): Promise<void> {
  await context.transaction(async (tx) => {
    await tx.db.tenant.updateMany({ data });
    await tx.audit("claims.settings_changed", { type: "tenant", id: tx.tenantId }, details);
  });
}
