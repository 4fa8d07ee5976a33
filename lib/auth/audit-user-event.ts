// Events about a user's own account (a password reset) have no single tenant: they are written into the chain of
// every tenant the user belongs to, so each tenant's admins see them, or into the system chain for a user without any.
import { appendAuditEntry, type AuditTransaction } from "@/lib/audit/append-audit-entry";
import type { TransactionClient } from "@/lib/db/client";

export async function auditUserEvent(
  tx: AuditTransaction & Pick<TransactionClient, "membership">,
  user: { id: string; email: string },
  event: {
    action: string;
    details?: Record<string, unknown>;
    ip?: string | null;
    actor?: { id: string | null; email: string | null };
  },
): Promise<void> {
  const memberships = await tx.membership.findMany({
    where: { userId: user.id },
    select: { tenantId: true },
    orderBy: { tenantId: "asc" },
  });
  const tenants = memberships.length ? memberships.map((m) => m.tenantId) : [null];
  for (const tenantId of tenants)
    await appendAuditEntry(
      {
        tenantId,
        actorId: event.actor ? event.actor.id : user.id,
        actorEmail: event.actor ? event.actor.email : user.email,
        action: event.action,
        targetType: "user",
        targetId: user.id,
        details: { email: user.email, ...event.details },
        ip: event.ip ?? null,
      },
      tx,
    );
}
