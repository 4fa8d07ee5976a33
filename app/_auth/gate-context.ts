// What the member gate hands an action or a route handler: the member's TenantContext, with the member for the few
// handlers that show who they are or which tenants they belong to.
import "server-only";
import type { TenantContext } from "@/lib/core/tenant-context";
import type { Member } from "./require-member";

export type GateContext = TenantContext & { readonly member: Member };

export function gateContext(member: Member): GateContext {
  return { ...member.context, member };
}
