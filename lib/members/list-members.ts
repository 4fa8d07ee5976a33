import type { Role } from "@/lib/auth/roles";
import type { TenantContext } from "@/lib/core/tenant-context";

export interface MemberRow {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  hasPassword: boolean;
  createdAt: Date;
}

/** The tenant's members with their accounts, by email. */
export async function listMembers(context: TenantContext): Promise<MemberRow[]> {
  const rows = await context.db.membership.findMany({
    include: { user: { select: { email: true, name: true, passwordHash: true } } },
    orderBy: [{ user: { email: "asc" } }],
  });
  return rows.map((row) => ({
    id: row.id,
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    hasPassword: row.user.passwordHash !== null,
    createdAt: row.createdAt,
  }));
}
