// Shared by revoke and renew: a pending invitation of the actor's tenant that the actor's role may manage.
import { canManageRole } from "@/lib/auth/roles";
import type { TenantDb } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { isUuid } from "@/lib/core/ids";

type Tx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

export async function pendingInvitationFor(actor: MemberActor, tx: Tx, invitationId: string) {
  const invitation = isUuid(invitationId)
    ? await tx.invitation.findFirst({ where: { id: invitationId, acceptedAt: null, revokedAt: null } })
    : null;
  if (!invitation)
    throw new UserFacingError(
      "That invitation was not found: it may have been accepted or withdrawn.",
      "not_found",
    );
  if (!canManageRole(actor.actorRole, invitation.role))
    throw new UserFacingError("Your role cannot manage this invitation.", "forbidden");
  return invitation;
}
