import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { apiVersionOf, storedApiVersion, type TrustedFormApiVersion } from "./trustedform-api-version";

/** Switches the tenant's claims to another TrustedForm API version, audited with the version it left. */
export async function setTrustedFormApiVersion(
  context: TenantContext,
  version: TrustedFormApiVersion,
): Promise<void> {
  memberOf(context.actor);
  await context.transaction(async (tx) => {
    const tenant = await tx.db.tenant.findFirstOrThrow({ select: { trustedformApiVersion: true } });
    const from = apiVersionOf(tenant.trustedformApiVersion);
    if (from === version) return;
    await tx.db.tenant.updateMany({ data: { trustedformApiVersion: storedApiVersion(version) } });
    await tx.audit("claims.api_version_changed", { type: "tenant", id: tx.tenantId }, { from, to: version });
  });
}
