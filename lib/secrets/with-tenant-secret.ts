import type { Environment } from "@/lib/core/services";
import type { TenantContext } from "@/lib/core/tenant-context";
import { masterKeys } from "./master-keys";
import { openSecret } from "./seal";
import type { SecretPurpose } from "./tenant-secret";

/**
 * Opens the secret of one environment for the length of one call that needs it; null when the tenant has not set
 * it for that environment (the other environment's key is never a fallback).
 */
export async function withTenantSecret<T>(
  context: TenantContext,
  purpose: SecretPurpose,
  environment: Environment,
  run: (secret: string | null) => Promise<T>,
): Promise<T> {
  const row = await context.db.tenantSecret.findFirst({ where: { purpose, environment } });
  const secret = row
    ? openSecret(masterKeys(), { tenantId: context.tenantId, purpose, environment }, row.sealed)
    : null;
  return run(secret);
}
