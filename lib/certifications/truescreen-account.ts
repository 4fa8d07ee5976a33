// The tenant's TrueScreen account at call time: base URL from its connection (a sandbox only if the deployment
// allows it), and the API key of that same environment, decrypted only now.
import { publicUrl } from "@/lib/config";
import { resolveConnection } from "@/lib/connections/resolve-connection";
import type { Environment } from "@/lib/connections/service-urls";
import type { TenantContext } from "@/lib/core/tenant-context";
import { withTenantSecret } from "@/lib/secrets/with-tenant-secret";
import type { TrueScreenAccount } from "@/lib/truescreen/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { certificationWebhookToken } from "./certification-webhook-token";

export interface TenantTrueScreen {
  account: TrueScreenAccount;
  environment: "production" | "sandbox";
  /** The webhook URL sent with one certification's create call (per certification: see certification-webhook-token). */
  webhookUrlFor(certificationId: string): string;
}

export class MissingApiKeyError extends UserFacingError {
  constructor(environment: Environment) {
    super(
      `This tenant has no TrueScreen API key for ${environment === "sandbox" ? "the sandbox" : "production"} yet. An admin adds it in Settings > Connections.`,
      "conflict",
    );
  }
}

export async function tenantTrueScreen(ctx: TenantContext): Promise<TenantTrueScreen> {
  const connection = await resolveConnection(ctx, "truescreen");
  const apiKey = await withTenantSecret(
    ctx,
    "truescreen.api_key",
    connection.environment,
    async (key) => key,
  );
  if (!apiKey) throw new MissingApiKeyError(connection.environment);
  return {
    account: { baseUrl: connection.origin, apiKey },
    environment: connection.environment,
    webhookUrlFor: (certificationId) =>
      `${publicUrl()}/api/webhooks/truescreen/${certificationWebhookToken(connection.webhookToken, certificationId)}`,
  };
}
