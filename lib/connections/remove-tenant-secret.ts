import type { Environment } from "@/lib/core/services";
import { connectionEnvironment } from "./connection-environment";
import type { TenantContext } from "@/lib/core/tenant-context";
import { serviceOfPurpose, type SecretPurpose } from "@/lib/secrets/tenant-secret";

/** Removes the key of one environment (the connection's current one when none is named); false when none was set. */
export async function removeTenantSecret(
  context: TenantContext,
  purpose: SecretPurpose,
  environment?: Environment,
): Promise<boolean> {
  const env = environment ?? (await connectionEnvironment(context, serviceOfPurpose(purpose)));
  return context.transaction(async (tx) => {
    const removed = await tx.db.tenantSecret.deleteMany({ where: { purpose, environment: env } });
    if (removed.count === 0) return false;
    await tx.audit("secret.removed", { type: "secret", id: purpose }, { purpose, environment: env });
    return true;
  });
}
