// Deletes a scan policy of the tenant, audited in the same transaction. Claims made with it keep its name and terms.
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { UserFacingError } from "@/lib/core/user-facing-error";

export async function deleteScanPolicy(context: TenantContext, id: string): Promise<void> {
  if (!isUuid(id)) throw new UserFacingError("That policy was not found.", "not_found");
  await context.transaction(async (tx) => {
    const row = await tx.db.scanPolicy.findUnique({ where: { id } });
    if (!row) throw new UserFacingError("That policy was not found.", "not_found");
    await tx.db.scanPolicy.delete({ where: { id } });
    await tx.audit("policy.deleted", { type: "scan_policy", id }, { name: row.name });
  });
}
