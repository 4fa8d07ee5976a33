// One scan policy of the tenant by id, or null (another tenant's id is "not found" like a missing one).
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { toScanPolicyView, type ScanPolicyView } from "./scan-policy-view";

export async function getScanPolicy(context: TenantContext, id: string): Promise<ScanPolicyView | null> {
  if (!isUuid(id)) return null;
  const row = await context.db.scanPolicy.findUnique({ where: { id } });
  return row ? toScanPolicyView(row) : null;
}
