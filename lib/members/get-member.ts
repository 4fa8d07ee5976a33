import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import type { MemberRow } from "./list-members";

/** A member of the scope's tenant, or null: a member of another tenant is "not found" exactly like a missing one. */
export async function getMember(context: TenantContext, membershipId: string): Promise<MemberRow | null> {
  if (!isUuid(membershipId)) return null;
  const row = await context.db.membership.findUnique({
    where: { id: membershipId },
    include: { user: { select: { email: true, name: true, passwordHash: true } } },
  });
  if (!row) return null;
  return {
    id: row.id,
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    hasPassword: row.user.passwordHash !== null,
    createdAt: row.createdAt,
  };
}
