// On the one-command start, the demo tenant is wired to the local sandboxes with their demo credentials, once:
// a tenant whose keys an admin already set is left alone. The keys are saved as sandbox keys, and a sandbox origin
// is stored only if the deployment allows it (otherwise the connection follows the deployment's default).
import { systemDb } from "@/lib/db/client";
import { isAllowedSandboxOrigin } from "@/lib/outbound/allowed-sandbox-origins";
import { saveTenantSecret } from "@/lib/secrets/tenant-secrets";
import { DEMO_OWNER_EMAIL, DEMO_TENANT_NAME } from "@/lib/tenants/seed-demo-tenant";
import { ensureConnection } from "./ensure-connection";

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
  const actor = {
    tenantId,
    actorId: membership.userId,
    actorRole: "owner" as const,
    actorEmail: membership.user.email,
  };
  for (const service of ["truescreen", "trustedform"] as const) {
    const connection = await ensureConnection(actor, service);
    const origin = new URL(credentials[service].baseUrl).origin;
    await systemDb.tenantConnection.update({
      where: { id: connection.id },
      data: { environment: "sandbox", sandboxBaseUrl: isAllowedSandboxOrigin(origin) ? origin : null },
    });
  }
  await saveTenantSecret(actor, "truescreen.api_key", credentials.truescreen.apiKey, "sandbox");
  await saveTenantSecret(actor, "truescreen.webhook_secret", credentials.truescreen.webhookSecret, "sandbox");
  await saveTenantSecret(actor, "trustedform.api_key", credentials.trustedform.apiKey, "sandbox");
  return true;
}
