import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { endUserSessions } from "@/lib/auth/end-sessions";
import { canManageRole, type Role } from "@/lib/auth/roles";
import { tenantDb, type TenantDb } from "@/lib/db/tenant-scope";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { isUuid } from "@/lib/core/ids";
import type { MemberActor } from "./member-actor";

const NOT_FOUND = "That member was not found in this tenant.";

type ScopedTransaction = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

/**
 * Runs a change to one membership, and its audit entry, in one transaction that holds the tenant's row locked, so
 * that two admins demoting or removing the last two owners at the same moment cannot leave the tenant without one.
 */
export async function withLockedMembership<T>(
  actor: MemberActor,
  membershipId: string,
  change: (
    membership: { id: string; userId: string; role: Role; email: string },
    ownerCount: number,
    tx: ScopedTransaction,
  ) => Promise<T>,
): Promise<T> {
  if (!isUuid(membershipId)) throw new UserFacingError(NOT_FOUND, "not_found");
  return tenantDb(actor).$transaction(async (tx) => {
    await tx.$executeRaw`select id from "Tenant" where id = ${actor.tenantId}::uuid for update`;
    const membership = await tx.membership.findUnique({
      where: { id: membershipId },
      include: { user: { select: { email: true } } },
    });
    if (!membership) throw new UserFacingError(NOT_FOUND, "not_found");
    const ownerCount = await tx.membership.count({ where: { role: "owner" } });
    return change(
      { id: membership.id, userId: membership.userId, role: membership.role, email: membership.user.email },
      ownerCount,
      tx,
    );
  });
}

export async function changeMemberRole(actor: MemberActor, membershipId: string, role: Role): Promise<void> {
  await withLockedMembership(actor, membershipId, async (membership, ownerCount, tx) => {
    if (membership.role === role) return;
    if (!canManageRole(actor.actorRole, membership.role) || !canManageRole(actor.actorRole, role)) {
      throw new UserFacingError(
        membership.role === "owner" || role === "owner"
          ? "Only an owner can give or take away the owner role."
          : "Your role cannot change this member's role.",
        "forbidden",
      );
    }
    if (membership.role === "owner" && ownerCount <= 1) {
      throw new UserFacingError(
        "This is the tenant's last owner. Make another member an owner first.",
        "conflict",
      );
    }
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    // Their open sessions end with the old role: they sign in again and start with the new one.
    await endUserSessions(tx, membership.userId);
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "member.role_changed",
        targetType: "membership",
        targetId: membership.id,
        details: { email: membership.email, from: membership.role, to: role },
      },
      tx,
    );
  });
}
