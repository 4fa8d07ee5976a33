// "Test connection": a real call with the stored key that spends nothing. TrueScreen: GET /v1/credits (shows the
// balance). TrustedForm: see check-credentials.ts. Messages in words; the key never appears in them.
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import type { MemberActor } from "@/lib/members/member-actor";
import { withTenantSecret } from "@/lib/secrets/tenant-secrets";
import { getCredits } from "@/lib/truescreen/get-credits";
import { TrueScreenProblem } from "@/lib/truescreen/truescreen-problem";
import { checkTrustedFormCredentials } from "@/lib/trustedform/check-credentials";
import { ensureConnection } from "./get-connections";
import { networkErrorMessage } from "./network-error";
import { baseUrlOf, type ServiceName } from "./service-urls";

export type ConnectionTest =
  { ok: true; message: string; credits: number | null } | { ok: false; message: string };

const NAMES: Record<ServiceName, string> = { truescreen: "TrueScreen", trustedform: "TrustedForm" };

async function run(actor: MemberActor, service: ServiceName): Promise<ConnectionTest> {
  const baseUrl = baseUrlOf(service, await ensureConnection(actor, service));
  return withTenantSecret(actor, `${service}.api_key`, async (apiKey) => {
    if (!apiKey)
      return { ok: false, message: `No ${NAMES[service]} API key is saved yet. Save one, then test.` };
    try {
      if (service === "truescreen") {
        const credits = await getCredits(baseUrl, apiKey);
        return {
          ok: true,
          message:
            credits === null
              ? `Connected to TrueScreen at ${baseUrl}: the API key was accepted (its answer shows no balance Certdesk can read).`
              : `Connected to TrueScreen at ${baseUrl}. Balance: ${credits} credits.`,
          credits,
        };
      }
      const verdict = await checkTrustedFormCredentials(baseUrl, apiKey);
      if (verdict === "accepted")
        return {
          ok: true,
          message: `Connected to TrustedForm at ${baseUrl}: the API key was accepted. Nothing was claimed or billed.`,
          credits: null,
        };
      if (verdict === "refused")
        return {
          ok: false,
          message:
            "TrustedForm refused the API key. Copy it again from the Settings tab of the TrustedForm app.",
        };
      return {
        ok: false,
        message: `TrustedForm answered HTTP ${verdict.unexpectedStatus}, which a credential check does not expect. Try again later.`,
      };
    } catch (error) {
      if (error instanceof TrueScreenProblem) return { ok: false, message: error.message };
      return { ok: false, message: networkErrorMessage(NAMES[service], baseUrl, error) };
    }
  });
}

export async function testConnection(actor: MemberActor, service: ServiceName): Promise<ConnectionTest> {
  const result = await run(actor, service);
  await appendAuditEntry({
    tenantId: actor.tenantId,
    actorId: actor.actorId,
    actorEmail: actor.actorEmail,
    action: "connection.tested",
    targetType: "connection",
    targetId: service,
    details: { ok: result.ok },
  });
  return result;
}
