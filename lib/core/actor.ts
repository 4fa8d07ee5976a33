// Who acts in a tenant: a signed-in member (pages, actions, route handlers), Certdesk itself (workers, the
// TrueScreen webhook) or a tenant API token (the public API and MCP). Audit entries name the actor; rules check its
// role, or a token's scopes.
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

/** A tenant API token (app/_auth/with-api-token.ts): it belongs to the tenant; audit entries carry its name. */
export interface TokenActor {
  kind: "token";
  tokenId: string;
  /** The name an admin gave it ("Lead intake"), shown wherever a person's address would be. */
  name: string;
  scopes: readonly string[];
}

export type Actor = MemberActor | SystemActor | TokenActor;

/** How an audit entry and a record's "by" column name a token: never confused with an email address. */
export function tokenLabel(name: string): string {
  return `API token "${name}"`;
}

/** The member behind a context, or a clear error: for verbs only a person may run (decisions, key changes). */
export function memberOf(actor: Actor): MemberActor {
  if (actor.kind !== "member") throw new Error(`This needs a signed-in member; it was run by ${actor.name}.`);
  return actor;
}

/**
 * Who decides, as a decision records it: a member's email, or the label of a token (the public API's decision
 * endpoint; the gate checked its decisions:write scope). Certdesk itself never decides.
 */
export function deciderOf(actor: Actor): string {
  if (actor.kind === "token") return tokenLabel(actor.name);
  return memberOf(actor).email;
}

/** The audit fields of an actor. */
export function auditActor(actor: Actor): { actorId: string | null; actorEmail: string | null } {
  if (actor.kind === "member") return { actorId: actor.userId, actorEmail: actor.email };
  if (actor.kind === "token") return { actorId: null, actorEmail: tokenLabel(actor.name) };
  return { actorId: actor.onBehalfOf?.userId ?? null, actorEmail: actor.onBehalfOf?.email ?? null };
}
