// Users are shared across tenants, so the account row is not tenant data (a system module of the tenancy fence).
import { systemDb } from "@/lib/db/client";

/**
 * An address with no account anywhere gets one now, marked as created by this invitation: only this invitation may
 * set its first password. An existing account (another tenant's member, an SSO user, an account another invitation
 * created) is left as is.
 */
export async function reserveInvitedAccount(email: string, invitationId: string): Promise<void> {
  await systemDb.user.upsert({
    where: { email },
    update: {},
    create: { email, createdByInvitationId: invitationId },
  });
}
