// On the one-command start, the demo tenant is wired to the local sandboxes with their demo credentials, once:
// a tenant whose keys an admin already set is left alone. The keys are saved as sandbox keys, and a sandbox origin
// is stored only if the deployment allows it (otherwise the connection follows the deployment's default).
import { systemDb } from "@/lib/db/client";
import { isAllowedSandboxOrigin } from "@/lib/outbound/allowed-sandbox-origins";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { DEMO_OWNER_EMAIL, DEMO_TENANT_NAME } from "./seed-demo-tenant";
import { ensureConnection } from "@/lib/connections/ensure-connection";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

export interface SandboxCredentials {
  truescreen: { baseUrl: string; apiKey: string; webhookSecret: string };
  trustedform: { baseUrl: string; apiKey: string };
}

export async function connectDemoTenant(credentials: SandboxCredentials): Promise<boolean> {
  const membership = await systemDb.membership.findFirst({
    where: { role: "owner", tenant: { name: DEMO_TENANT_NAME }, user: { email: DEMO_OWNER_EMAIL } },
    include: { user: true },
  });
  if (!membership) return false;
  const tenantId = membership.tenantId;
  if ((await systemDb.tenantSecret.count({ where: { tenantId } })) > 0) return false;
  // The seed acts as the demo tenant's owner, so the keys read as set by them.
  const owner = openTenantContext(tenantId, {
    kind: "member",
    userId: membership.userId,
    email: membership.user.email,
    role: "owner",
  });
  for (const service of ["truescreen", "trustedform"] as const) {
    const connection = await ensureConnection(owner, service);
    const origin = new URL(credentials[service].baseUrl).origin;
    await owner.db.tenantConnection.update({
      where: { id: connection.id },
      data: { environment: "sandbox", sandboxBaseUrl: isAllowedSandboxOrigin(origin) ? origin : null },
    });
  }
  await saveTenantSecret(owner, "truescreen.api_key", credentials.truescreen.apiKey, "sandbox");
  await saveTenantSecret(owner, "truescreen.webhook_secret", credentials.truescreen.webhookSecret, "sandbox");
  await saveTenantSecret(owner, "trustedform.api_key", credentials.trustedform.apiKey, "sandbox");
  return true;
}
