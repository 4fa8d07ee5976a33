// Shared by revoke and renew: a pending invitation of the context's tenant that the acting member's role may manage.
import { canManageRole } from "@/lib/auth/roles";
import { memberOf } from "@/lib/core/actor";
import { isUuid } from "@/lib/core/ids";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";

export async function findPendingInvitation(context: TenantContext, invitationId: string) {
  const invitation = isUuid(invitationId)
    ? await context.db.invitation.findFirst({
        where: { id: invitationId, acceptedAt: null, revokedAt: null },
      })
    : null;
  if (!invitation)
    throw new UserFacingError(
      "That invitation was not found: it may have been accepted or withdrawn.",
      "not_found",
    );
  if (!canManageRole(memberOf(context.actor).role, invitation.role))
    throw new UserFacingError("Your role cannot manage this invitation.", "forbidden");
  return invitation;
}
