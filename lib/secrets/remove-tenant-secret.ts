import type { Environment } from "@/lib/connections/service-urls";
import type { TenantContext } from "@/lib/core/tenant-context";
import { currentEnvironment, type SecretPurpose } from "./tenant-secret";

/** Removes the key of one environment (the connection's current one when none is named); false when none was set. */
export async function removeTenantSecret(
  context: TenantContext,
  purpose: SecretPurpose,
  environment?: Environment,
): Promise<boolean> {
  const env = environment ?? (await currentEnvironment(context, purpose));
  return context.transaction(async (tx) => {
    const removed = await tx.db.tenantSecret.deleteMany({ where: { purpose, environment: env } });
    if (removed.count === 0) return false;
    await tx.audit("secret.removed", { type: "secret", id: purpose }, { purpose, environment: env });
    return true;
  });
}
