// For display on the claim pages: the origin claims go to for this tenant (the real service, or exactly its
// sandbox). Claiming itself goes through resolveConnection, which also refuses a sandbox the deployment no longer
// allows.
import { ensureConnection } from "@/lib/connections/ensure-connection";
import { connectionOrigin } from "@/lib/connections/service-urls";
import type { TenantContext } from "@/lib/core/tenant-context";

export async function getClaimOrigin(context: TenantContext): Promise<string> {
  const connection = await ensureConnection(context, "trustedform");
  return connectionOrigin("trustedform", connection).origin ?? "(no sandbox chosen)";
}
