// AES-256-GCM sealing of tenant secrets. Each ciphertext names the master key that sealed it and is bound to
// its tenant, purpose and environment through the associated data, so a ciphertext copied into another tenant's
// row, used for another purpose, or moved from the production row to the sandbox row, does not open. Errors never
// carry the secret.
//
// Format versions: v2 (current) binds the environment; v1 (before keys were per environment) bound tenant and
// purpose only. v1 rows still open with their own associated data, so an upgrade needs no downtime and no step
// before the first request; `npm run secrets:rotate` re-seals them as v2, after which none is left.
import crypto from "node:crypto";
import type { MasterKey } from "./master-keys";

export interface SecretContext {
  tenantId: string;
  purpose: string;
  environment: "production" | "sandbox";
}

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretError";
  }
}

const VERSION = "v2";
const LEGACY_VERSION = "v1";

function associatedData(context: SecretContext, version: string): Buffer {
  return Buffer.from(
    version === LEGACY_VERSION
      ? `certdesk:v1:${context.tenantId}:${context.purpose}`
      : `certdesk:${version}:${context.tenantId}:${context.purpose}:${context.environment}`,
  );
}

/** How a secret sealed before the environment was bound (v1) begins: rotation re-seals it. */
export const LEGACY_SEAL_PREFIX = `${LEGACY_VERSION}:`;

export function isLegacySealed(sealed: string): boolean {
  return sealed.startsWith(LEGACY_SEAL_PREFIX);
}

export function sealSecret(
  keys: MasterKey[],
  context: SecretContext,
  plaintext: string,
): { sealed: string; keyId: string } {
  const current = keys[0];
  if (!current) throw new SecretError("No master key to seal with.");
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(associatedData(context, VERSION));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  const sealed = [
    VERSION,
    current.id,
    iv.toString("base64url"),
    ciphertext.toString("base64url"),
    tag.toString("base64url"),
  ].join(":");
  return { sealed, keyId: current.id };
}

export function sealedKeyId(sealed: string): string {
  return sealed.split(":")[1] ?? "";
}

export function openSecret(keys: MasterKey[], context: SecretContext, sealed: string): string {
  const [version, keyId, iv, ciphertext, tag, ...rest] = sealed.split(":");
  if (
    (version !== VERSION && version !== LEGACY_VERSION) ||
    !keyId ||
    !iv ||
    !ciphertext ||
    !tag ||
    rest.length > 0
  )
    throw new SecretError("The stored secret is not in a known format.");
  const key = keys.find((k) => k.id === keyId);
  if (!key)
    throw new SecretError(
      `The stored secret was sealed with master key "${keyId}", which is not configured in CERTDESK_MASTER_KEYS.`,
    );
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
    decipher.setAAD(associatedData(context, version));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new SecretError(
      "The stored secret could not be opened: it was changed, or it belongs to another tenant, purpose or environment.",
    );
  }
}
