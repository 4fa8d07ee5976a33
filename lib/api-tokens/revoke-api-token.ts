// An admin revokes a token: from the next request on it answers 401. The row stays, for the list and the audit log.
import { hasRole } from "@/lib/auth/roles";
import { memberOf } from "@/lib/core/actor";
import { isUuid } from "@/lib/core/ids";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";

export async function revokeApiToken(context: TenantContext, tokenId: string): Promise<void> {
  const member = memberOf(context.actor);
  if (!hasRole(member.role, "admin"))
    throw new UserFacingError("Only admins revoke API tokens.", "forbidden");
  if (!isUuid(tokenId)) throw new UserFacingError("That token was not found.", "not_found");
  await context.transaction(async (tx) => {
    const token = await tx.db.apiToken.findUnique({
      where: { id: tokenId },
      select: { id: true, name: true },
    });
    if (!token) throw new UserFacingError("That token was not found.", "not_found");
    const revoked = await tx.db.apiToken.updateMany({
      where: { id: token.id, revokedAt: null },
      data: { revokedAt: new Date(), revokedByEmail: member.email },
    });
    if (revoked.count === 0) return;
    await tx.audit("api_token.revoked", { type: "api_token", id: token.id }, { name: token.name });
  });
}
