// For operators (/operator/tenants, deployment-level): every tenant with its size and owners. Nothing of a tenant's
// data beyond that.
import { systemDb } from "@/lib/db/client";

export interface TenantSummary {
  id: string;
  name: string;
  createdAt: Date;
  members: number;
  owners: string[];
  pendingOwnerInvitations: string[];
}

export const TENANT_LIST_LIMIT = 500;

export async function listAllTenants(): Promise<{ tenants: TenantSummary[]; total: number }> {
  const [rows, total] = await Promise.all([
    systemDb.tenant.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: TENANT_LIST_LIMIT,
      select: {
        id: true,
        name: true,
        createdAt: true,
        _count: { select: { memberships: true } },
        memberships: {
          where: { role: "owner" },
          select: { user: { select: { email: true } } },
          orderBy: { createdAt: "asc" },
        },
      },
    }),
    systemDb.tenant.count(),
  ]);
  const pending = await systemDb.invitation.findMany({
    where: {
      tenantId: { in: rows.map((row) => row.id) },
      role: "owner",
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: new Date() },
    },
    select: { tenantId: true, email: true },
  });
  return {
    total,
    tenants: rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.createdAt,
      members: row._count.memberships,
      owners: row.memberships.map((m) => m.user.email),
      pendingOwnerInvitations: pending.filter((p) => p.tenantId === row.id).map((p) => p.email),
    })),
  };
}
