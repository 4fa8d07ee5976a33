import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";

export async function getClaimSettings(scope: TenantScope): Promise<{ sendRawContact: boolean }> {
  const tenant = await tenantDb(scope).tenant.findFirstOrThrow({ select: { claimSendsRawContact: true } });
  return { sendRawContact: tenant.claimSendsRawContact };
}

export async function setClaimSendsRawContact(actor: MemberActor, sendRawContact: boolean): Promise<void> {
  await tenantDb(actor).$transaction(async (tx) => {
    await tx.tenant.updateMany({ data: { claimSendsRawContact: sendRawContact } });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "claims.settings_changed",
        targetType: "tenant",
        targetId: actor.tenantId,
        details: { sendRawContact },
      },
      tx,
    );
  });
}
