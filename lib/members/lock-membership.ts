// Changes to one membership (role change, removal) run with the tenant's row locked, so that two admins demoting or
// removing the last two owners at the same moment cannot leave the tenant without one.
import type { Role } from "@/lib/auth/roles";
import { isUuid } from "@/lib/core/ids";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";

const NOT_FOUND = "That member was not found in this tenant.";

export interface LockedMembership {
  id: string;
  userId: string;
  role: Role;
  email: string;
}

/** Runs `change` in one transaction that holds the tenant locked, with the membership and the owner count. */
export async function withLockedMembership<T>(
  context: TenantContext,
  membershipId: string,
  change: (membership: LockedMembership, ownerCount: number, tx: TenantContext) => Promise<T>,
): Promise<T> {
  if (!isUuid(membershipId)) throw new UserFacingError(NOT_FOUND, "not_found");
  return context.transaction(async (tx) => {
    await tx.db.$executeRaw`select id from "Tenant" where id = ${tx.tenantId}::uuid for update`;
    const membership = await tx.db.membership.findUnique({
      where: { id: membershipId },
      include: { user: { select: { email: true } } },
    });
    if (!membership) throw new UserFacingError(NOT_FOUND, "not_found");
    const ownerCount = await tx.db.membership.count({ where: { role: "owner" } });
    return change(
      { id: membership.id, userId: membership.userId, role: membership.role, email: membership.user.email },
      ownerCount,
      tx,
    );
  });
}
