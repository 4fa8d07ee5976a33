// Tenant.auditHeadCertify: whether the worker certifies the tenant's audit chain head with TrueScreen once a day
// (a hash certification of the newest anchor: 1 credit a day). Off by default; switching it is audited.
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";
import { appendAuditEntry } from "./append-audit-entry";

/** What one daily certification costs, shown before an admin switches it on. */
export const AUDIT_HEAD_CERTIFICATION_CREDITS_PER_DAY = 1;

export async function getAuditHeadCertify(scope: TenantScope): Promise<boolean> {
  const tenant = await tenantDb(scope).tenant.findFirstOrThrow({ select: { auditHeadCertify: true } });
  return tenant.auditHeadCertify;
}

/** Switches the daily certification on or off, and records the change in the audit log, together. */
export async function setAuditHeadCertify(actor: MemberActor, enabled: boolean): Promise<void> {
  await tenantDb(actor).$transaction(async (tx) => {
    const changed = await tx.tenant.updateMany({
      where: { auditHeadCertify: !enabled },
      data: { auditHeadCertify: enabled },
    });
    if (changed.count === 0) return; // already so: nothing to record
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: enabled ? "audit.head_certification_enabled" : "audit.head_certification_disabled",
        targetType: "tenant",
        targetId: actor.tenantId,
        details: enabled ? { creditsPerDay: AUDIT_HEAD_CERTIFICATION_CREDITS_PER_DAY } : {},
      },
      tx,
    );
  });
}
