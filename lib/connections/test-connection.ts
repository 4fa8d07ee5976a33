// "Test connection": a real call with the stored key of the connection's current environment that spends nothing.
// TrueScreen: GET /v1/credits (shows the balance). TrustedForm: see check-credentials.ts. The answer is summarised
// in words (a status, TrueScreen's problem code and our message for it), never the remote body, headers or
// details; the key never appears either.
import type { TenantContext } from "@/lib/core/tenant-context";
import { hasTenantSecret } from "@/lib/secrets/has-tenant-secret";
import { withTenantSecret } from "@/lib/secrets/with-tenant-secret";
import { getCredits } from "@/lib/truescreen/get-credits";
import { problemMessage, TrueScreenProblem } from "@/lib/truescreen/truescreen-problem";
import { checkTrustedFormCredentials } from "@/lib/trustedform/check-credentials";
import { networkErrorMessage } from "./network-error";
import { resolveConnection, SandboxNotAllowedError, type ResolvedConnection } from "./resolve-connection";
import { SERVICE_NAMES, type Environment, type ServiceName } from "./service-urls";

export type ConnectionTest =
  { ok: true; message: string; credits: number | null } | { ok: false; message: string };

const ENVIRONMENT_WORDS: Record<Environment, string> = { production: "production", sandbox: "the sandbox" };

async function missingKey(context: TenantContext, connection: ResolvedConnection): Promise<string> {
  const name = SERVICE_NAMES[connection.service];
  const other: Environment = connection.environment === "production" ? "sandbox" : "production";
  if (!(await hasTenantSecret(context, `${connection.service}.api_key`, other)))
    return `No ${name} API key is saved yet. Save one, then test.`;
  return `No ${name} API key is saved for ${ENVIRONMENT_WORDS[connection.environment]}. The ${other} key is never sent to ${connection.environment === "sandbox" ? "a sandbox" : "production"}: save the ${connection.environment} key, then test.`;
}

/**
 * Our words for TrueScreen's problem, with its status and its code when it has the documented form (TS-nnn); the
 * remote title and detail are not repeated, nor a code of any other shape (it is remote text too).
 */
function summariseProblem(problem: TrueScreenProblem): string {
  const { status } = problem;
  const code = problem.code && /^TS-\d{3}$/.test(problem.code) ? problem.code : null;
  const words = problemMessage(status, code, null);
  if (status === 401 || !code) return words;
  if (words === problemMessage(status, null, null))
    return `TrueScreen answered HTTP ${status} with problem ${code}, which Test connection does not expect. Try again later.`;
  return `${words.replace(/\.$/, "")} (HTTP ${status}, problem ${code}).`;
}

async function run(context: TenantContext, service: ServiceName): Promise<ConnectionTest> {
  let connection: ResolvedConnection;
  try {
    connection = await resolveConnection(context, service);
  } catch (error) {
    if (error instanceof SandboxNotAllowedError) return { ok: false, message: error.message };
    throw error;
  }
  const { origin, environment } = connection;
  return withTenantSecret(context, `${service}.api_key`, environment, async (apiKey) => {
    if (!apiKey) return { ok: false, message: await missingKey(context, connection) };
    try {
      if (service === "truescreen") {
        const credits = await getCredits(origin, apiKey);
        return {
          ok: true,
          message:
            credits === null
              ? `Connected to TrueScreen at ${origin}: the API key was accepted (its answer shows no balance Certdesk can read).`
              : `Connected to TrueScreen at ${origin}. Balance: ${credits} credits.`,
          credits,
        };
      }
      const verdict = await checkTrustedFormCredentials(origin, apiKey);
      if (verdict === "accepted")
        return {
          ok: true,
          message: `Connected to TrustedForm at ${origin}: the API key was accepted. Nothing was claimed or billed.`,
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
      if (error instanceof TrueScreenProblem) return { ok: false, message: summariseProblem(error) };
      if (error instanceof SyntaxError || (error instanceof Error && error.name === "ZodError"))
        return {
          ok: false,
          message: `${SERVICE_NAMES[service]} at ${origin} answered in a shape Certdesk does not expect. Check that the connection's environment is right.`,
        };
      return { ok: false, message: networkErrorMessage(SERVICE_NAMES[service], origin, error) };
    }
  });
}

export async function testConnection(context: TenantContext, service: ServiceName): Promise<ConnectionTest> {
  const result = await run(context, service);
  await context.audit("connection.tested", { type: "connection", id: service }, { ok: result.ok });
  return result;
}
