// What an API token may do: scopes are powers, each one a role's power (a token holding claims:write may do what a
// reviewer does with claims through the API, and nothing else). An admin picks them, or a preset, when creating the
// token; a token can never hold a power its creator's role lacks, and every endpoint names the one scope it needs.
import { z } from "zod";
import { hasRole, type Role } from "@/lib/auth/roles";

export const TOKEN_SCOPES = [
  "claims:read",
  "claims:write",
  "decisions:write",
  "certifications:read",
  "certifications:write",
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The role whose power each scope is. */
export const SCOPE_ROLE: Record<TokenScope, Role> = {
  "claims:read": "viewer",
  "claims:write": "reviewer",
  "decisions:write": "reviewer",
  "certifications:read": "viewer",
  "certifications:write": "certifier",
};

export const SCOPE_DESCRIPTIONS: Record<TokenScope, string> = {
  "claims:read": "Read claims, their bundles and bulk batches; search claims and consent",
  "claims:write": "Claim certificates and create bulk batches (billed by TrustedForm)",
  "decisions:write": "Accept or reject claimed certificates",
  "certifications:read": "Read certifications, download artifacts and bundles",
  "certifications:write": "Certify hashes (spends TrueScreen credits)",
};

export const SCOPE_PRESETS = {
  "read-only": { label: "Read only", scopes: ["claims:read", "certifications:read"] },
  "claims-only": { label: "Claims only", scopes: ["claims:read", "claims:write", "decisions:write"] },
  "certifications-only": {
    label: "Certifications only",
    scopes: ["certifications:read", "certifications:write"],
  },
  everything: { label: "Everything", scopes: [...TOKEN_SCOPES] },
} as const satisfies Record<string, { label: string; scopes: readonly TokenScope[] }>;

export const tokenScopes = z
  .array(z.enum(TOKEN_SCOPES, { message: "That is not a token scope." }))
  .min(1, "Give the token at least one scope.")
  .transform((scopes) => TOKEN_SCOPES.filter((scope) => scopes.includes(scope)));

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

/** The scopes a member of `role` may grant: only powers the role holds. */
export function grantableScopes(role: Role): TokenScope[] {
  return TOKEN_SCOPES.filter((scope) => hasRole(role, SCOPE_ROLE[scope]));
}

/** Whether a token's scopes include `needed`. */
export function hasScope(scopes: readonly string[], needed: TokenScope): boolean {
  return scopes.includes(needed);
}
