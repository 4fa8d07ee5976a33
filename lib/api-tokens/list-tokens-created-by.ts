// The live API tokens a member created. Tokens belong to the tenant and outlive their creator's removal or demotion
// (lead systems keep running); the member page names them, so an admin removing someone decides about them knowingly.
import type { TenantContext } from "@/lib/core/tenant-context";

export async function listTokensCreatedBy(context: TenantContext, userId: string) {
  return context.db.apiToken.findMany({
    where: { createdById: userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, name: true, scopes: true },
  });
}
