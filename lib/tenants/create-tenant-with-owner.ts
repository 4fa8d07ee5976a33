// Creating a tenant is a deployment-level power: operators (CERTDESK_OPERATOR_EMAILS) from /operator/tenants, or
// whoever runs `npm run tenant:create` on the deployment. The first owner is either an existing account, added as
// owner at once (they sign in as they always do), or a new address, invited as owner: the invitation link is the
// only way in, exactly like a member's invitation (lib/invitations), so no password is ever chosen for them.
import { z } from "zod";
import { normalizeEmail } from "@/lib/auth/normalize-email";
import { reserveInvitedAccount } from "@/lib/auth/reserve-invited-account";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { systemDb } from "@/lib/db/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { newInvitationToken } from "@/lib/invitations/invitation-token";
import type { TenantCreator } from "@/lib/operators/operator";
import { insertTenant, tenantName } from "./create-tenant";

export const createTenantInput = z.object({
  name: z.string().trim().min(1, "Enter the tenant's name.").max(120, "Use at most 120 characters."),
  ownerEmail: z.email({ message: "Enter the owner's email address, such as name@company.com." }).max(254),
});

export type CreatedTenant = {
  tenantId: string;
  tenantName: string;
  ownerEmail: string;
} & (
  | { owner: "added" }
  /** The invitation link for the owner: shown once, stored only as a hash. */
  | { owner: "invited"; inviteUrl: string; expiresAt: Date }
);

export async function createTenantWithOwner(
  creator: TenantCreator,
  input: z.input<typeof createTenantInput>,
): Promise<CreatedTenant> {
  const parsed = createTenantInput.safeParse(input);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]!.message);
  const name = tenantName(parsed.data.name);
  const ownerEmail = normalizeEmail(parsed.data.ownerEmail);
  const actor =
    creator.kind === "operator" ? { id: creator.userId, email: creator.email } : { id: null, email: null };
  const via = creator.kind;
  const link = newInvitationToken();
  const created = await systemDb.$transaction(async (tx) => {
    // Two operators (or a double submit) creating the same name at once: one tenant, the other gets the message.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended('certdesk-tenant-create', 0))`;
    const clash = await tx.tenant.findFirst({
      where: { name: { equals: name, mode: "insensitive" } },
      select: { id: true },
    });
    if (clash) throw new UserFacingError(`A tenant named "${name}" already exists.`, "conflict");
    const existing = await tx.user.findUnique({ where: { email: ownerEmail }, select: { id: true } });
    const tenant = await insertTenant(tx, {
      name,
      actor,
      details: { via, ownerEmail },
      ...(existing ? { owner: { userId: existing.id } } : {}),
    });
    if (existing) {
      await appendAuditEntry(
        {
          tenantId: tenant.id,
          actorId: actor.id,
          actorEmail: actor.email,
          action: "member.added",
          targetType: "user",
          targetId: existing.id,
          details: { email: ownerEmail, role: "owner", via },
        },
        tx,
      );
      return { tenant, invitationId: null };
    }
    const invitation = await tx.invitation.create({
      data: {
        tenantId: tenant.id,
        email: ownerEmail,
        role: "owner",
        tokenHash: link.tokenHash,
        expiresAt: link.expiresAt,
        createdById: actor.id,
        createdByEmail: actor.email,
      },
    });
    await appendAuditEntry(
      {
        tenantId: tenant.id,
        actorId: actor.id,
        actorEmail: actor.email,
        action: "member.invited",
        targetType: "invitation",
        targetId: invitation.id,
        details: { email: ownerEmail, role: "owner", via },
      },
      tx,
    );
    return { tenant, invitationId: invitation.id };
  });
  const base = { tenantId: created.tenant.id, tenantName: created.tenant.name, ownerEmail };
  if (!created.invitationId) return { ...base, owner: "added" };
  await reserveInvitedAccount(ownerEmail, created.invitationId);
  return { ...base, owner: "invited", inviteUrl: link.url, expiresAt: link.expiresAt };
}
