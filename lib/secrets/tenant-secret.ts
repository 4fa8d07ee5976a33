// What a tenant's secrets are, shared by the verbs beside this file (save, remove, describe, has, with, reseal).
// Secrets are sealed on the way in and opened only inside the server call that uses them. Neither the secret nor a
// piece of it is ever returned, logged or audited; only its last four characters, for display, stored sealed too.
//
// Keys are per environment: a service has a production key and a sandbox key, and every use names the environment
// whose key it needs (the environment of the origin it is about to call), so a key saved for production is never
// sent to a sandbox. Saving and removing live with the connections (lib/connections/save-tenant-secret.ts).
import type { Environment, ServiceName } from "@/lib/core/services";

export const SECRET_PURPOSES = [
  "truescreen.api_key",
  "truescreen.webhook_secret",
  "trustedform.api_key",
] as const;
export type SecretPurpose = (typeof SECRET_PURPOSES)[number];

export interface SecretDescription {
  purpose: SecretPurpose;
  environment: Environment;
  last4: string;
  setByEmail: string | null;
  setAt: Date;
}

export const hintPurpose = (purpose: string) => `${purpose}#hint`;

export function serviceOfPurpose(purpose: SecretPurpose): ServiceName {
  return purpose.startsWith("truescreen.") ? "truescreen" : "trustedform";
}
