import { appendAuditEntry, type AuditTransaction } from "@/lib/audit/append-audit-entry";
import { systemDb, type TransactionClient } from "@/lib/db/client";
import { UserFacingError } from "@/lib/core/user-facing-error";

/** A tenant name as stored: trimmed, 1 to 120 characters. */
export function tenantName(raw: string): string {
  const name = raw.trim();
  if (!name || name.length > 120) throw new UserFacingError("A tenant name needs 1 to 120 characters.");
  return name;
}

/**
 * The tenant row and its `tenant.created` entry, the first of its audit chain, in the caller's transaction: shared by
 * every way a tenant comes to exist (this file, operators' create-tenant-with-owner.ts, the demo seed's shape).
 */
export async function insertTenant(
  tx: Pick<TransactionClient, "tenant"> & AuditTransaction,
  input: {
    name: string;
    actor: { id: string | null; email: string | null };
    details?: Record<string, unknown>;
    owner?: { userId: string };
  },
) {
  const name = tenantName(input.name);
  const tenant = await tx.tenant.create({
    data: {
      name,
      ...(input.owner ? { memberships: { create: { userId: input.owner.userId, role: "owner" } } } : {}),
    },
  });
  await appendAuditEntry(
    {
      tenantId: tenant.id,
      actorId: input.actor.id,
      actorEmail: input.actor.email,
      action: "tenant.created",
      targetType: "tenant",
      targetId: tenant.id,
      details: { name, ...input.details },
    },
    tx,
  );
  return tenant;
}

/** Creates a tenant with an existing user as its first owner, who is also the actor. Used by tests and the seed's shape. */
export async function createTenant(input: { name: string; ownerUserId: string; ownerEmail: string }) {
  const name = tenantName(input.name);
  return systemDb.$transaction((tx) =>
    insertTenant(tx, {
      name,
      actor: { id: input.ownerUserId, email: input.ownerEmail },
      owner: { userId: input.ownerUserId },
    }),
  );
}
