// Master keys from CERTDESK_MASTER_KEYS: "id:base64,id:base64,...", each key 32 random bytes. The first seals
// new secrets; every one of them can open. Rotation: put a new key first, run `npm run secrets:rotate`, then
// remove the old one.
import crypto from "node:crypto";

export interface MasterKey {
  id: string;
  key: Buffer;
}

export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MasterKeyError";
  }
}

export function parseMasterKeys(value: string | undefined): MasterKey[] {
  const entries = (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (entries.length === 0) {
    throw new MasterKeyError(
      "CERTDESK_MASTER_KEYS is not set: Certdesk cannot seal or open API keys. `npm start` generates one; see README.md.",
    );
  }
  const keys = entries.map((entry, index) => {
    const colon = entry.indexOf(":");
    const id = entry.slice(0, colon);
    const key = Buffer.from(entry.slice(colon + 1), "base64");
    if (colon < 1 || !/^[A-Za-z0-9_-]{1,40}$/.test(id))
      throw new MasterKeyError(`CERTDESK_MASTER_KEYS entry ${index + 1} needs the form <id>:<base64 key>.`);
    if (key.length !== 32)
      throw new MasterKeyError(`CERTDESK_MASTER_KEYS key "${id}" must be 32 bytes (44 base64 characters).`);
    return { id, key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length)
    throw new MasterKeyError("CERTDESK_MASTER_KEYS has the same key id twice.");
  return keys;
}

/** A new master key entry, `k<yyyymmdd>-<random>:<base64>`. */
export function generateMasterKeyEntry(now = new Date()): string {
  const id = `k${now.toISOString().slice(0, 10).replaceAll("-", "")}-${crypto.randomBytes(3).toString("hex")}`;
  return `${id}:${crypto.randomBytes(32).toString("base64")}`;
}

let cached: { source: string | undefined; keys: MasterKey[] } | undefined;

/** The configured keys, parsed once per value of the variable. */
export function masterKeys(): MasterKey[] {
  const source = process.env.CERTDESK_MASTER_KEYS;
  if (!cached || cached.source !== source) cached = { source, keys: parseMasterKeys(source) };
  return cached.keys;
}
