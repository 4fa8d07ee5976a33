import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";
import { UserFacingError } from "@/lib/core/user-facing-error";

export const MIN_CLAIM_CONCURRENCY = 1;
export const MAX_CLAIM_CONCURRENCY = 32;

export async function getClaimSettings(
  scope: TenantScope,
): Promise<{ sendRawContact: boolean; concurrency: number }> {
  const tenant = await tenantDb(scope).tenant.findFirstOrThrow({
    select: { claimSendsRawContact: true, claimConcurrency: true },
  });
  return { sendRawContact: tenant.claimSendsRawContact, concurrency: tenant.claimConcurrency };
}

/** How many bulk claims of the tenant are in flight at once (a new batch takes the value current at its start). */
export async function setClaimConcurrency(actor: MemberActor, concurrency: number): Promise<void> {
  if (
    !Number.isInteger(concurrency) ||
    concurrency < MIN_CLAIM_CONCURRENCY ||
    concurrency > MAX_CLAIM_CONCURRENCY
  )
    throw new UserFacingError(
      `Claims in flight must be a whole number from ${MIN_CLAIM_CONCURRENCY} to ${MAX_CLAIM_CONCURRENCY}.`,
    );
  await saveClaimSettings(actor, { claimConcurrency: concurrency }, { concurrency });
}

export async function setClaimSendsRawContact(actor: MemberActor, sendRawContact: boolean): Promise<void> {
  await saveClaimSettings(actor, { claimSendsRawContact: sendRawContact }, { sendRawContact });
}

/** Changes the tenant's claim settings and records the change in the audit log, together. */
async function saveClaimSettings(
  actor: MemberActor,
  data: { claimConcurrency?: number; claimSendsRawContact?: boolean },
  details: Record<string, unknown>,
): Promise<void> {
  await tenantDb(actor).$transaction(async (tx) => {
    await tx.tenant.updateMany({ data });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "claims.settings_changed",
        targetType: "tenant",
        targetId: actor.tenantId,
        details,
      },
      tx,
    );
  });
}
