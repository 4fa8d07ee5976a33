import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { canManageRole } from "@/lib/auth/roles";
import { issueSetPasswordLink } from "@/lib/auth/set-password-token";
import { UserFacingError } from "@/lib/user-facing-error";
import { getMember } from "./get-member";
import type { MemberActor } from "./member-actor";

/** A fresh one-time link for a member who has not set a password yet (the old one is voided). */
export async function reissueSetPasswordLink(actor: MemberActor, membershipId: string): Promise<string> {
  const member = await getMember(actor, membershipId);
  if (!member) throw new UserFacingError("That member was not found in this tenant.", "not_found");
  if (!canManageRole(actor.actorRole, member.role))
    throw new UserFacingError("Your role cannot manage this member.", "forbidden");
  if (member.hasPassword)
    throw new UserFacingError(`${member.email} has already set a password.`, "conflict");
  const url = await issueSetPasswordLink({
    tenantId: actor.tenantId,
    userId: member.userId,
    createdById: actor.actorId,
  });
  await appendAuditEntry({
    tenantId: actor.tenantId,
    actorId: actor.actorId,
    actorEmail: actor.actorEmail,
    action: "member.link_issued",
    targetType: "membership",
    targetId: member.id,
    details: { email: member.email },
  });
  return url;
}
