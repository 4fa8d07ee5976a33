// The tenant's scan policies, the default first: for the policies page and the claim forms' choice.
import type { TenantContext } from "@/lib/core/tenant-context";
import { toScanPolicyView, type ScanPolicyView } from "./scan-policy-view";

export async function listScanPolicies(context: TenantContext): Promise<ScanPolicyView[]> {
  const rows = await context.db.scanPolicy.findMany({ orderBy: [{ isDefault: "desc" }, { name: "asc" }] });
  return rows.map(toScanPolicyView);
}
