// A request body in one canonical text (keys sorted at every level), so that the same request sent twice with its
// keys in another order hashes the same for idempotency.
import crypto from "node:crypto";

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value ?? null);
}

export function requestHash(operation: string, body: unknown): string {
  return crypto
    .createHash("sha256")
    .update(`${operation}\n${canonicalJson(body)}`)
    .digest("hex");
}
