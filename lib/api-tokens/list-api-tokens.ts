// The tenant's API tokens for Settings → API tokens: never the token nor its hash, only its first characters.
import type { TenantContext } from "@/lib/core/tenant-context";

export async function listApiTokens(context: TenantContext) {
  return context.db.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 500,
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      rateLimitPerMinute: true,
      createdByEmail: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      revokedByEmail: true,
    },
  });
}
