// Inviting a person to a tenant. The invitation grants nothing until it is accepted (accept-invitation-*.ts).
// The admin's answer is the same whatever the address: a link to hand over. Whether the person may set a first
// password with it, or must sign in with their own password or SSO, is decided only when the link is opened, so an
// admin never receives a credential for an account that exists elsewhere, and cannot tell whether it does.
import { z } from "zod";
import { normalizeEmail } from "@/lib/auth/normalize-email";
import { reserveInvitedAccount } from "@/lib/auth/reserve-invited-account";
import { canManageRole, ROLES, type Role } from "@/lib/auth/roles";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { newInvitationToken } from "./invitation-token";

export const inviteMemberInput = z.object({
  email: z.email({ message: "Enter a valid email address, such as name@company.com." }).max(254),
  role: z.enum(ROLES, { message: "Choose a role." }),
});

export interface CreatedInvitation {
  invitationId: string;
  email: string;
  role: Role;
  /** The link to hand to the person: shown once, stored only as a hash. */
  inviteUrl: string;
  expiresAt: Date;
}

export async function inviteMember(
  context: TenantContext,
  input: z.infer<typeof inviteMemberInput>,
): Promise<CreatedInvitation> {
  const member = memberOf(context.actor);
  const email = normalizeEmail(input.email);
  if (!canManageRole(member.role, input.role)) {
    throw new UserFacingError(`Your role cannot invite a member as ${input.role}.`, "forbidden");
  }
  const link = newInvitationToken();
  const invitation = await context.transaction(async (tx) => {
    const existing = await tx.db.membership.findFirst({ where: { user: { email } }, select: { id: true } });
    if (existing) throw new UserFacingError(`${email} is already a member of this tenant.`, "conflict");
    // One open invitation per address and tenant: a new one withdraws the older link.
    await tx.db.invitation.updateMany({
      where: { email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.db.invitation.create({
      data: {
        email,
        role: input.role,
        tokenHash: link.tokenHash,
        expiresAt: link.expiresAt,
        createdById: member.userId,
        createdByEmail: member.email,
      },
    });
    await tx.audit("member.invited", { type: "invitation", id: created.id }, { email, role: input.role });
    return created;
  });
  await reserveInvitedAccount(email, invitation.id);
  return {
    invitationId: invitation.id,
    email,
    role: input.role,
    inviteUrl: link.url,
    expiresAt: link.expiresAt,
  };
}
