// What a log line must never carry, whatever a caller hands the logger: values under secret-looking keys (at any
// depth, any case), credentials inside strings (a URL's user:password, an Authorization scheme's token, a presigned
// URL's signature, an api_key in a query, a cdk_ API token or whsec_ secret) and the same inside error messages and
// stacks.

export const REDACTED = "[REDACTED]";

/** Keys whose values are replaced, matched anywhere in the key, case-insensitively. */
export const SECRET_KEY_PARTS = [
  "authorization",
  "cookie",
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "api_key",
  "api-key",
  "accesskey",
  "access_key",
  "credential",
  "privatekey",
  "private_key",
  "masterkey",
  "master_key",
  "smtp_url",
  "smtpurl",
  "connectionstring",
  "database_url",
  "databaseurl",
  "signature",
  "session",
] as const;

const SECRET_KEY = new RegExp(SECRET_KEY_PARTS.map((part) => part.replace(/[-_]/g, "[-_]?")).join("|"), "i");

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const STRING_SCRUBBERS: Array<[RegExp, string]> = [
  // scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*:[^\s/@]*@/gi, `$1${REDACTED}@`],
  // Authorization: Bearer xxx / Basic xxx / AWS4-HMAC-SHA256 Credential=...
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\bAWS4-HMAC-SHA256\s+[^\s"']+(?:,\s*[^\s"',]+)*/g, `AWS4-HMAC-SHA256 ${REDACTED}`],
  // Certdesk's own credentials, recognisable by their prefixes wherever they stand: API tokens (cdk_ and 43
  // characters; the 10-character prefix the token list shows stays readable) and webhook signing secrets (whsec_).
  [/\bcdk_[A-Za-z0-9_-]{20,}/g, `cdk_${REDACTED}`],
  [/\bwhsec_[A-Za-z0-9+/=]{16,}/g, `whsec_${REDACTED}`],
  // ?token=...&api_key=...&X-Amz-Signature=... (presigned and artifact URLs)
  [
    /([?&](?:[a-z0-9_-]*token|api[_-]?key|apikey|key|password|secret|signature|sig|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&\s#"']+/gi,
    `$1${REDACTED}`,
  ],
];

export function scrubString(value: string): string {
  let out = value;
  for (const [pattern, replacement] of STRING_SCRUBBERS) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DEPTH = 10;

/** A copy of `value` with secret keys' values replaced and strings scrubbed. Cycles and depth are bounded. */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return scrubString(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[Object]";
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  if (value instanceof Error) return redactValue(serializeError(value), depth, seen);
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (value instanceof Date) return value;
  if (value instanceof URL) return scrubString(value.href);
  if (typeof Headers !== "undefined" && value instanceof Headers)
    return redactValue(Object.fromEntries(value.entries()), depth + 1, seen);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      isSecretKey(key) && item !== undefined && item !== null ? REDACTED : redactValue(item, depth + 1, seen);
  }
  return out;
}

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  code?: unknown;
  cause?: unknown;
  [key: string]: unknown;
}

export function serializeError(error: Error): SerializedError {
  const out: SerializedError = {
    type: error.name || error.constructor?.name || "Error",
    message: scrubString(error.message ?? ""),
    stack: error.stack ? scrubString(error.stack) : undefined,
  };
  for (const [key, item] of Object.entries(error)) {
    if (key === "message" || key === "stack") continue;
    out[key] = isSecretKey(key) ? REDACTED : item;
  }
  if (error.cause !== undefined)
    out.cause = error.cause instanceof Error ? serializeError(error.cause) : error.cause;
  return out;
}
