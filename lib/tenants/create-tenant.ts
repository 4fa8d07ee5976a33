import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { systemDb } from "@/lib/db/client";
import { UserFacingError } from "@/lib/core/user-facing-error";

/** Creates a tenant with its first owner. Used by the seed and by operators' scripts. */
export async function createTenant(input: { name: string; ownerUserId: string; ownerEmail: string }) {
  const name = input.name.trim();
  if (!name || name.length > 120) throw new UserFacingError("A tenant name needs 1 to 120 characters.");
  return systemDb.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({
      data: { name, memberships: { create: { userId: input.ownerUserId, role: "owner" } } },
    });
    await appendAuditEntry(
      {
        tenantId: tenant.id,
        actorId: input.ownerUserId,
        actorEmail: input.ownerEmail,
        action: "tenant.created",
        targetType: "tenant",
        targetId: tenant.id,
        details: { name },
      },
      tx,
    );
    return tenant;
  });
}
