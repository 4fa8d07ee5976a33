import type { TenantScope } from "@/lib/db/tenant-scope";
import type { Role } from "@/lib/auth/roles";

/** Who is acting on the members of a tenant: the scope plus the actor's own role and address, for rules and audit. */
export interface MemberActor extends TenantScope {
  actorId: string;
  actorRole: Role;
  actorEmail: string;
}
