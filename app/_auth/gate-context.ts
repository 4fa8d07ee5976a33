// What the member gate hands an action or a route handler: the member's TenantContext.
import "server-only";
import type { TenantContext } from "@/lib/core/tenant-context";
import type { MemberActor as LegacyMemberActor } from "@/lib/members/member-actor";
import type { Member } from "./require-member";

// TRANSITION (Tenancy issue): the legacy actor fields go once every verb takes a TenantContext.
export type GateContext = TenantContext &
  LegacyMemberActor & {
    /** The signed-in person behind the context, for pages that show who they are. */
    readonly member: Member;
  };

export function gateContext(member: Member): GateContext {
  return Object.assign(Object.create(null) as object, member.context, {
    member,
    actorId: member.actorId,
    actorRole: member.actorRole,
    actorEmail: member.actorEmail,
  }) as GateContext;
}
