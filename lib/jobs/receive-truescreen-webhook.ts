// The gate of TrueScreen's certification webhooks (no session: the URL token and the signature authenticate them).
// The token names the tenant, found here across tenants, which is why this sits with the other system entries:
// - per certification (every create call since per-certification URLs, certification-webhook-token.ts): the token
//   names the certification, and its tag, under the tenant's own webhook token, proves Certdesk made the URL;
// - per tenant (older certifications, and the URL shown in Settings > Connections): the connection's own token.
// An unknown or forged token answers like a missing one. The rest (signature, event, applying it) happens in the
// tenant's context: lib/certifications/apply-truescreen-webhook.ts.
import { systemDb } from "@/lib/db/client";
import { applyTrueScreenWebhook, type WebhookTarget } from "@/lib/certifications/apply-truescreen-webhook";
import {
  certificationIdOfToken,
  isCertificationWebhookToken,
} from "@/lib/certifications/certification-webhook-token";
import { UNKNOWN_WEBHOOK_URL, type WebhookAnswer } from "@/lib/certifications/webhook-answer";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

/** Which tenant (and, for a per-certification URL, which certification) a webhook URL token names. */
async function targetOf(token: string): Promise<(WebhookTarget & { tenantId: string }) | null> {
  const certificationId = certificationIdOfToken(token);
  if (certificationId) {
    const certification = await systemDb.certification.findUnique({
      where: { id: certificationId },
      select: { tenantId: true },
    });
    if (!certification) return null;
    const connection = await systemDb.tenantConnection.findUnique({
      where: { tenantId_service: { tenantId: certification.tenantId, service: "truescreen" } },
      select: { webhookToken: true, environment: true },
    });
    if (!connection || !isCertificationWebhookToken(token, connection.webhookToken, certificationId))
      return null;
    return { tenantId: certification.tenantId, environment: connection.environment, certificationId };
  }
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const connection = await systemDb.tenantConnection.findUnique({
    where: { webhookToken: token },
    select: { tenantId: true, service: true, environment: true },
  });
  if (!connection || connection.service !== "truescreen") return null;
  return { tenantId: connection.tenantId, environment: connection.environment, certificationId: null };
}

export async function receiveTrueScreenWebhook(
  token: string,
  headers: Record<string, string>,
  rawBody: string,
): Promise<WebhookAnswer> {
  const target = await targetOf(token);
  if (!target) return UNKNOWN_WEBHOOK_URL;
  const ctx = openTenantContext(target.tenantId, { kind: "system", name: "webhook" });
  return applyTrueScreenWebhook(ctx, target, headers, rawBody);
}
