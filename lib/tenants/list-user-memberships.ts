import { systemDb } from "@/lib/db/client";
import type { Role } from "@/lib/auth/roles";

export interface UserMembership {
  tenantId: string;
  tenantName: string;
  role: Role;
}

/** The tenants a user belongs to, by name. Reads only the acting user's own memberships. */
export async function listUserMemberships(userId: string): Promise<UserMembership[]> {
  const rows = await systemDb.membership.findMany({
    where: { userId },
    include: { tenant: { select: { name: true } } },
    orderBy: [{ tenant: { name: "asc" } }, { tenantId: "asc" }],
  });
  return rows.map((row) => ({ tenantId: row.tenantId, tenantName: row.tenant.name, role: row.role }));
}
