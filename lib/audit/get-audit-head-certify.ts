// Tenant.auditHeadCertify: whether the worker certifies the tenant's audit chain head with TrueScreen once a day
// (a hash certification of the newest anchor: 1 credit a day). Off by default.
import type { TenantContext } from "@/lib/core/tenant-context";

/** What one daily certification costs, shown before an admin switches it on. */
export const AUDIT_HEAD_CERTIFICATION_CREDITS_PER_DAY = 1;

export async function getAuditHeadCertify(context: TenantContext): Promise<boolean> {
  const tenant = await context.db.tenant.findFirstOrThrow({ select: { auditHeadCertify: true } });
  return tenant.auditHeadCertify;
}
