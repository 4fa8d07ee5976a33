import type { TenantContext } from "@/lib/core/tenant-context";
import { AUDIT_HEAD_CERTIFICATION_CREDITS_PER_DAY } from "./get-audit-head-certify";

/** Switches the daily certification of the audit head on or off, and records the change in the audit log, together. */
export async function setAuditHeadCertify(context: TenantContext, enabled: boolean): Promise<void> {
  await context.transaction(async (tx) => {
    const changed = await tx.db.tenant.updateMany({
      where: { auditHeadCertify: !enabled },
      data: { auditHeadCertify: enabled },
    });
    if (changed.count === 0) return; // already so: nothing to record
    await tx.audit(
      enabled ? "audit.head_certification_enabled" : "audit.head_certification_disabled",
      { type: "tenant", id: tx.tenantId },
      enabled ? { creditsPerDay: AUDIT_HEAD_CERTIFICATION_CREDITS_PER_DAY } : {},
    );
  });
}
