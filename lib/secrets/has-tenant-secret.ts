import type { Environment } from "@/lib/core/services";
import type { TenantContext } from "@/lib/core/tenant-context";
import type { SecretPurpose } from "./tenant-secret";

/** Whether a secret is saved for that environment (nothing is opened). */
export async function hasTenantSecret(
  context: TenantContext,
  purpose: SecretPurpose,
  environment: Environment,
): Promise<boolean> {
  return (await context.db.tenantSecret.count({ where: { purpose, environment } })) > 0;
}
