import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import type { Role } from "@/lib/auth/roles";

export interface MemberRow {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  hasPassword: boolean;
  createdAt: Date;
}

export async function listMembers(scope: TenantScope): Promise<MemberRow[]> {
  const rows = await tenantDb(scope).membership.findMany({
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
