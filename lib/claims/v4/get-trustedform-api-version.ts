import type { TenantContext } from "@/lib/core/tenant-context";
import { apiVersionOf, type TrustedFormApiVersion } from "./trustedform-api-version";

/** The API version the tenant's claims speak now (a claim records the version that produced it). */
export async function getTrustedFormApiVersion(context: TenantContext): Promise<TrustedFormApiVersion> {
  const tenant = await context.db.tenant.findFirstOrThrow({ select: { trustedformApiVersion: true } });
  return apiVersionOf(tenant.trustedformApiVersion);
}
