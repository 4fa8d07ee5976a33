// The five roles, from most to least powerful. A role includes every power of the roles below it.
import type { Role } from "@/generated/prisma/enums";

export const ROLES = ["owner", "admin", "certifier", "reviewer", "viewer"] as const satisfies readonly Role[];
export type { Role };

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including managing owners",
  admin: "Members, API keys, scan policies and the audit log",
  certifier: "Create TrueScreen certifications, and claim",
  reviewer: "Claim TrustedForm certificates and review outcomes",
  viewer: "Read-only access",
};

const RANK: Record<Role, number> = { owner: 5, admin: 4, certifier: 3, reviewer: 2, viewer: 1 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether a member holding `actual` may do what needs `needed`. */
export function hasRole(actual: Role, needed: Role): boolean {
  return RANK[actual] >= RANK[needed];
}

/** Admins manage members up to their own level; only owners grant, change or take away the owner role. */
export function canManageRole(actorRole: Role, role: Role): boolean {
  if (!hasRole(actorRole, "admin")) return false;
  if (role === "owner") return actorRole === "owner";
  return true;
}
