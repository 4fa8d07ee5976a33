// Who acts in a tenant: a signed-in member (pages, actions, route handlers) or Certdesk itself (workers, the
// TrueScreen webhook). The API token gate will add a third kind. Audit entries name the actor; rules check its role.
import type { Role } from "@/generated/prisma/enums";

export interface MemberActor {
  kind: "member";
  userId: string;
  email: string;
  role: Role;
}

export interface SystemActor {
  kind: "system";
  /** What acts, for logs: "worker", "webhook", "seed". */
  name: string;
  /** The person whose work this finishes (a bulk batch's creator): audit entries name them; otherwise no actor. */
  onBehalfOf?: { userId: string | null; email: string | null } | null;
}

export type Actor = MemberActor | SystemActor;

/** The member behind a context, or a clear error: for verbs only a person may run (decisions, key changes). */
export function memberOf(actor: Actor): MemberActor {
  if (actor.kind !== "member") throw new Error(`This needs a signed-in member; it was run by ${actor.name}.`);
  return actor;
}

/** The audit fields of an actor. */
export function auditActor(actor: Actor): { actorId: string | null; actorEmail: string | null } {
  if (actor.kind === "member") return { actorId: actor.userId, actorEmail: actor.email };
  return { actorId: actor.onBehalfOf?.userId ?? null, actorEmail: actor.onBehalfOf?.email ?? null };
}
