import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateMasterKeyEntry, parseMasterKeys } from "./master-keys";
import { isLegacySealed, openSecret, sealedKeyId, sealSecret, SecretError } from "./seal";

const keys = parseMasterKeys(`${generateMasterKeyEntry()},old:${Buffer.alloc(32, 7).toString("base64")}`);
const context = {
  tenantId: "6f1c1c8e-1d7a-4a51-9a0c-0c6c3c3f0a11",
  purpose: "truescreen.api_key",
  environment: "production" as const,
};
const secret = "ts_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";

describe("sealing tenant secrets", () => {
  it("round-trips, sealing with the first key and never showing the secret", () => {
    const { sealed, keyId } = sealSecret(keys, context, secret);
    expect(keyId).toBe(keys[0]!.id);
    expect(sealedKeyId(sealed)).toBe(keyId);
    expect(sealed).not.toContain(secret.slice(4, 12));
    expect(openSecret(keys, context, sealed)).toBe(secret);
    expect(sealSecret(keys, context, secret).sealed).not.toBe(sealed);
  });

  it("does not open for another tenant or another purpose", () => {
    const { sealed } = sealSecret(keys, context, secret);
    expect(() =>
      openSecret(keys, { ...context, tenantId: "0b6c1c8e-1d7a-4a51-9a0c-0c6c3c3f0a12" }, sealed),
    ).toThrow(SecretError);
    expect(() => openSecret(keys, { ...context, purpose: "trustedform.api_key" }, sealed)).toThrow(
      SecretError,
    );
  });

  it("does not open in the other environment: a production key moved into the sandbox row stays shut", () => {
    const { sealed } = sealSecret(keys, context, secret);
    expect(sealed.startsWith("v2:")).toBe(true);
    expect(() => openSecret(keys, { ...context, environment: "sandbox" }, sealed)).toThrow(
      /could not be opened/,
    );
  });

  it("still opens a secret sealed before environments were bound (v1), which rotation then re-seals", () => {
    // The v1 format exactly as it was written: associated data certdesk:v1:<tenant>:<purpose>.
    const key = keys[1]!;
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", key.key, iv);
    cipher.setAAD(Buffer.from(`certdesk:v1:${context.tenantId}:${context.purpose}`));
    const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
    const legacy = ["v1", key.id, iv, ciphertext, cipher.getAuthTag()]
      .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
      .join(":");
    expect(isLegacySealed(legacy)).toBe(true);
    expect(openSecret(keys, context, legacy)).toBe(secret);
    expect(openSecret(keys, { ...context, environment: "sandbox" }, legacy)).toBe(secret);
    expect(() => openSecret(keys, { ...context, purpose: "trustedform.api_key" }, legacy)).toThrow(
      SecretError,
    );
    expect(isLegacySealed(sealSecret(keys, context, secret).sealed)).toBe(false);
  });

  it("refuses a tampered ciphertext, tag or iv, without revealing the secret in the error", () => {
    const { sealed } = sealSecret(keys, context, secret);
    const parts = sealed.split(":");
    for (const index of [2, 3, 4]) {
      const changed = [...parts];
      const value = Buffer.from(changed[index]!, "base64url");
      value[0] = value[0]! ^ 1;
      changed[index] = value.toString("base64url");
      let message = "";
      try {
        openSecret(keys, context, changed.join(":"));
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/could not be opened/);
      expect(message).not.toContain(secret);
    }
  });

  it("opens with any configured key, and names a missing one", () => {
    const oldOnly = keys.slice(1);
    const { sealed } = sealSecret(oldOnly, context, secret);
    expect(openSecret(keys, context, sealed)).toBe(secret);
    expect(() => openSecret(keys.slice(0, 1), context, sealed)).toThrow(/master key "old"/);
  });

  it("validates CERTDESK_MASTER_KEYS with messages a person can act on", () => {
    expect(() => parseMasterKeys(undefined)).toThrow(/not set/);
    expect(() => parseMasterKeys("nokey")).toThrow(/<id>:<base64 key>/);
    expect(() => parseMasterKeys(`a:${Buffer.alloc(16).toString("base64")}`)).toThrow(/32 bytes/);
    expect(() =>
      parseMasterKeys(`a:${Buffer.alloc(32).toString("base64")},a:${Buffer.alloc(32).toString("base64")}`),
    ).toThrow(/twice/);
  });
});
