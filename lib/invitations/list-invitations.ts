import type { Role } from "@/lib/auth/roles";
import type { TenantContext } from "@/lib/core/tenant-context";

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  createdByEmail: string | null;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
}

/** The tenant's invitations not yet accepted or withdrawn, newest first (expired ones too, so they can be renewed). */
export async function listInvitations(context: TenantContext): Promise<InvitationRow[]> {
  const rows = await context.db.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const now = new Date();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    createdByEmail: row.createdByEmail,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    expired: row.expiresAt <= now,
  }));
}
