// Inviting a person to a tenant. The invitation grants nothing until it is accepted (accept-invitation-*.ts).
// The admin's answer is the same whatever the address: a link to hand over. Whether the person may set a first
// password with it, or must sign in with their own password or SSO, is decided only when the link is opened, so an
// admin never receives a credential for an account that exists elsewhere, and cannot tell whether it does.
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { normalizeEmail } from "@/lib/auth/normalize-email";
import { canManageRole, ROLES, type Role } from "@/lib/auth/roles";
import { systemDb } from "@/lib/db/client";
import { tenantDb } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";
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
  actor: MemberActor,
  input: z.infer<typeof inviteMemberInput>,
): Promise<CreatedInvitation> {
  const email = normalizeEmail(input.email);
  if (!canManageRole(actor.actorRole, input.role)) {
    throw new UserFacingError(`Your role cannot invite a member as ${input.role}.`, "forbidden");
  }
  const link = newInvitationToken();
  const invitation = await tenantDb(actor).$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { user: { email } }, select: { id: true } });
    if (member) throw new UserFacingError(`${email} is already a member of this tenant.`, "conflict");
    // One open invitation per address and tenant: a new one withdraws the older link.
    await tx.invitation.updateMany({
      where: { email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.invitation.create({
      data: {
        email,
        role: input.role,
        tokenHash: link.tokenHash,
        expiresAt: link.expiresAt,
        createdById: actor.actorId,
        createdByEmail: actor.actorEmail,
      },
    });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "member.invited",
        targetType: "invitation",
        targetId: created.id,
        details: { email, role: input.role },
      },
      tx,
    );
    return created;
  });
  // Users are shared across tenants, so the account row is not tenant data. An address with no account anywhere
  // gets one now, marked as created by this invitation: only this invitation may set its first password. An
  // existing account (another tenant's member, an SSO user, an account another invitation created) is left as is.
  await systemDb.user.upsert({
    where: { email },
    update: {},
    create: { email, createdByInvitationId: invitation.id },
  });
  return {
    invitationId: invitation.id,
    email,
    role: input.role,
    inviteUrl: link.url,
    expiresAt: link.expiresAt,
  };
}
