// What an invitation link allows, decided when it is opened (and again, inside the transaction, when it is used).
import type { Role } from "@/lib/auth/roles";
import { systemDb, type TransactionClient } from "@/lib/db/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { isOperator } from "@/lib/operators/is-operator";
import { INVALID_INVITATION, invitationTokenHash } from "./invitation-token";

export type InvitationMode =
  /** The account was created by this invitation, has no password and no other membership: set its password. */
  | "set_password"
  /** The signed-in person is the invited address: accept with one click. */
  | "accept"
  /** The account exists: its owner signs in with their own password or SSO, then accepts. */
  | "sign_in"
  /** Someone else is signed in. */
  | "wrong_account";

export interface OpenInvitation {
  id: string;
  tenantId: string;
  tenantName: string;
  email: string;
  role: Role;
  expiresAt: Date;
  mode: InvitationMode;
}

type Db = Pick<TransactionClient, "invitation" | "user" | "membership" | "tenant">;

/** A usable invitation for the token, or throws the same "not valid any more" for every kind of unusable link. */
export async function openInvitation(
  token: string,
  signedInUserId: string | null,
  db: Db = systemDb,
): Promise<OpenInvitation> {
  if (!token || token.length > 200) throw new UserFacingError(INVALID_INVITATION, "not_found");
  const invitation = await db.invitation.findUnique({ where: { tokenHash: invitationTokenHash(token) } });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date())
    throw new UserFacingError(INVALID_INVITATION, "not_found");
  const tenant = await db.tenant.findUnique({ where: { id: invitation.tenantId }, select: { name: true } });
  if (!tenant) throw new UserFacingError(INVALID_INVITATION, "not_found");
  const account = await db.user.findUnique({
    where: { email: invitation.email },
    select: { id: true, passwordHash: true, createdByInvitationId: true },
  });
  let mode: InvitationMode;
  if (signedInUserId) {
    mode = account && account.id === signedInUserId ? "accept" : "wrong_account";
  } else if (
    // An operator's address gets its first password only from the deployment's shell (no creator): a tenant admin
    // holds the link of their invitation, and setting that password would make them a deployment operator.
    !(isOperator(invitation.email) && invitation.createdById !== null) &&
    (!account ||
      (account.passwordHash === null &&
        account.createdByInvitationId === invitation.id &&
        (await db.membership.count({
          where: { userId: account.id, tenantId: { not: invitation.tenantId } },
        })) === 0))
  ) {
    mode = "set_password";
  } else {
    mode = "sign_in";
  }
  return {
    id: invitation.id,
    tenantId: invitation.tenantId,
    tenantName: tenant.name,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
    mode,
  };
}
