import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { normalizeEmail } from "@/lib/auth/normalize-email";
import { canManageRole, ROLES, type Role } from "@/lib/auth/roles";
import { issueSetPasswordLink } from "@/lib/auth/set-password-token";
import { systemDb } from "@/lib/db/client";
import { tenantDb } from "@/lib/db/tenant-scope";
import { UserFacingError } from "@/lib/user-facing-error";
import type { MemberActor } from "./member-actor";

export const addMemberInput = z.object({
  email: z.email({ message: "Enter a valid email address, such as name@company.com." }).max(254),
  role: z.enum(ROLES, { message: "Choose a role." }),
});

export interface AddedMember {
  membershipId: string;
  email: string;
  role: Role;
  /** The one-time link to hand to the new member, when they have no password yet. Shown once, stored hashed. */
  setPasswordUrl: string | null;
}

export async function addMember(
  actor: MemberActor,
  input: z.infer<typeof addMemberInput>,
): Promise<AddedMember> {
  const email = normalizeEmail(input.email);
  if (!canManageRole(actor.actorRole, input.role)) {
    throw new UserFacingError(`Your role cannot add a member as ${input.role}.`, "forbidden");
  }
  // Users are shared across tenants (one person, several tenants), so the user row itself is not tenant data.
  const user = await systemDb.user.upsert({ where: { email }, update: {}, create: { email } });
  const membership = await tenantDb(actor).$transaction(async (tx) => {
    const existing = await tx.membership.findFirst({ where: { userId: user.id } });
    if (existing) throw new UserFacingError(`${email} is already a member of this tenant.`, "conflict");
    // tenantId is set by the tenant-scoped client.
    const created = await tx.membership.create({ data: { userId: user.id, role: input.role } as never });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "member.added",
        targetType: "membership",
        targetId: created.id,
        details: { email, role: input.role },
      },
      tx,
    );
    return created;
  });
  const setPasswordUrl = user.passwordHash
    ? null
    : await issueSetPasswordLink({ tenantId: actor.tenantId, userId: user.id, createdById: actor.actorId });
  return { membershipId: membership.id, email, role: input.role, setPasswordUrl };
}
