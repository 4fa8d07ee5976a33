// An admin creates a tenant API token: named, with scopes (powers the admin's own role holds). The token is returned
// once, here, and stored only as a hash; it belongs to the tenant, so it keeps working when its creator leaves.
import { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { newApiTokenSecret } from "./api-token-secret";
import { SCOPE_ROLE, tokenScopes } from "./token-scopes";

export const createApiTokenInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token after what will use it (for example: Lead intake).")
    .max(80, "A token name is at most 80 characters.")
    .refine(
      (name) => !/[\u0000-\u001f"]/.test(name),
      "A token name cannot hold quotes or control characters.",
    ),
  scopes: tokenScopes,
});

export interface CreatedApiToken {
  id: string;
  name: string;
  scopes: string[];
  /** Shown once: only its hash is kept. */
  token: string;
}

export async function createApiToken(
  context: TenantContext,
  input: z.input<typeof createApiTokenInput>,
): Promise<CreatedApiToken> {
  const member = memberOf(context.actor);
  if (!hasRole(member.role, "admin"))
    throw new UserFacingError("Only admins create API tokens.", "forbidden");
  const checked = createApiTokenInput.safeParse(input);
  if (!checked.success) throw new UserFacingError(checked.error.issues[0]?.message ?? "Check the token.");
  const { name, scopes } = checked.data;
  const beyond = scopes.filter((scope) => !hasRole(member.role, SCOPE_ROLE[scope]));
  if (beyond.length)
    throw new UserFacingError(`Your role cannot grant ${beyond.join(", ")} to a token.`, "forbidden");
  const secret = newApiTokenSecret();
  return context.transaction(async (tx) => {
    const taken = await tx.db.apiToken.findFirst({ where: { name }, select: { id: true } });
    if (taken)
      throw new UserFacingError(`A token named "${name}" already exists: pick another name.`, "conflict");
    const row = await tx.db.apiToken.create({
      data: {
        name,
        scopes,
        tokenHash: secret.tokenHash,
        prefix: secret.prefix,
        createdById: member.userId,
        createdByEmail: member.email,
      },
    });
    await tx.audit(
      "api_token.created",
      { type: "api_token", id: row.id },
      { name, scopes, prefix: secret.prefix },
    );
    return { id: row.id, name, scopes, token: secret.token };
  });
}
