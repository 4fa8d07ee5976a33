// Accepting an invitation as the signed-in owner of the invited address (own password or SSO). Nothing about the
// account changes but its new membership.
import { systemDb } from "@/lib/db/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { invitationTokenHash } from "./invitation-token";
import { joinTenant } from "./join-tenant";
import { openInvitation } from "./open-invitation";

export async function acceptInvitationAsUser(input: {
  token: string;
  userId: string;
  ip: string | null;
}): Promise<{ tenantId: string; tenantName: string }> {
  return systemDb.$transaction(async (tx) => {
    await tx.$executeRaw`select 1 from "Invitation" where "tokenHash" = ${invitationTokenHash(input.token)} for update`;
    const invitation = await openInvitation(input.token, input.userId, tx);
    if (invitation.mode !== "accept") {
      throw new UserFacingError(
        `This invitation is for ${invitation.email}. Sign out, then sign in as ${invitation.email} to accept it.`,
        "forbidden",
      );
    }
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.userId } });
    await joinTenant(tx, invitation, user, "signed_in", input.ip);
    return { tenantId: invitation.tenantId, tenantName: invitation.tenantName };
  });
}
