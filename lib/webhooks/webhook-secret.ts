// An endpoint's signing secret, in the Standard Webhooks format (whsec_ and 24 random bytes in base64). Sealed with
// the secrets vault (lib/secrets/seal.ts) under the current master key, bound to the tenant and to the endpoint's id
// (a sealed secret copied onto another endpoint or tenant does not open); its last four characters are sealed apart
// for display. Shown in clear once, when created or rotated; opened only by the worker at the moment of signing.
import crypto from "node:crypto";
import { masterKeys } from "@/lib/secrets/master-keys";
import { openSecret, sealSecret } from "@/lib/secrets/seal";
import { hintPurpose } from "@/lib/secrets/tenant-secret";

export function generateWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString("base64")}`;
}

const sealContext = (tenantId: string, endpointId: string) => ({
  tenantId,
  purpose: `webhooks.signing_secret:${endpointId}`,
  environment: "production" as const,
});

export interface SealedWebhookSecret {
  secretSealed: string;
  secretHintSealed: string;
  secretKeyId: string;
}

export function sealWebhookSecret(tenantId: string, endpointId: string, secret: string): SealedWebhookSecret {
  const keys = masterKeys();
  const context = sealContext(tenantId, endpointId);
  const { sealed, keyId } = sealSecret(keys, context, secret);
  const hint = sealSecret(keys, { ...context, purpose: hintPurpose(context.purpose) }, secret.slice(-4));
  return { secretSealed: sealed, secretHintSealed: hint.sealed, secretKeyId: keyId };
}

export function openWebhookSecret(tenantId: string, endpoint: { id: string; secretSealed: string }): string {
  return openSecret(masterKeys(), sealContext(tenantId, endpoint.id), endpoint.secretSealed);
}

export function webhookSecretLast4(
  tenantId: string,
  endpoint: { id: string; secretHintSealed: string },
): string {
  const context = sealContext(tenantId, endpoint.id);
  return openSecret(
    masterKeys(),
    { ...context, purpose: hintPurpose(context.purpose) },
    endpoint.secretHintSealed,
  );
}
