// All configuration, read once from the environment and validated. Every variable here is in the README table.
import { z } from "zod";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const schema = z.object({
  DATABASE_URL: optionalText,
  CERTDESK_DATA_DIR: z.string().default(".data"),
  EMBEDDED_PG_PORT: positiveInt(5433),
  PORT: positiveInt(3000),
  NEXTAUTH_URL: optionalText,
  NEXTAUTH_SECRET: optionalText,
  SESSION_MAX_AGE_HOURS: positiveInt(8),
  OIDC_ISSUER: optionalText,
  OIDC_CLIENT_ID: optionalText,
  OIDC_CLIENT_SECRET: optionalText,
  OIDC_NAME: z.string().default("Single sign-on"),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt(5),
  LOGIN_MAX_FAILURES_PER_IP: positiveInt(30),
  LOGIN_THROTTLE_WINDOW_MINUTES: positiveInt(15),
  SET_PASSWORD_LINK_HOURS: positiveInt(72),
  CERTDESK_SANDBOX: z.enum(["on", "off"]).default("on"),
  TRUESCREEN_SANDBOX_PORT: positiveInt(4010),
  TRUSTEDFORM_SANDBOX_PORT: positiveInt(4020),
  CERTDESK_MASTER_KEYS: optionalText,
  TRUESCREEN_PRODUCTION_URL: z.url().default("https://api.truescreen.io"),
  TRUESCREEN_SANDBOX_URL: optionalText,
  TRUSTEDFORM_SANDBOX_URL: optionalText,
  EVIDENCE_DIR: optionalText,
  EVIDENCE_S3_BUCKET: optionalText,
  EVIDENCE_S3_ENDPOINT: optionalText,
  EVIDENCE_S3_REGION: z.string().default("us-east-1"),
  EVIDENCE_S3_ACCESS_KEY_ID: optionalText,
  EVIDENCE_S3_SECRET_ACCESS_KEY: optionalText,
  EVIDENCE_S3_PREFIX: optionalText,
  CERTIFICATION_POLL_SECONDS: positiveInt(2),
  // Security (README "Security model").
  // How many reverse proxies in front of Certdesk append to X-Forwarded-For; 0: the socket's address is the client.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Comma-separated origins a sandbox connection may use; unset: the sandboxes `npm start` runs.
  CERTDESK_SANDBOX_ORIGINS: optionalText,
  // The owner connection for migrations (the app itself connects with DATABASE_URL's least-privilege role).
  DATABASE_OWNER_URL: optionalText,
  // Comma-separated origins the browser may upload to (TrueScreen's presigned upload URLs), for the CSP.
  TRUESCREEN_UPLOAD_ORIGINS: optionalText,
  // How often the worker anchors every audit chain's head in evidence storage.
  AUDIT_ANCHOR_SECONDS: positiveInt(5),
  // Comma-separated email addresses of the deployment's operators: they list and create tenants (/operator/tenants).
  CERTDESK_OPERATOR_EMAILS: optionalText,
});

export type Config = z.infer<typeof schema> & {
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  /** CERTDESK_OPERATOR_EMAILS, lower-cased and trimmed (as User.email is stored). */
  operatorEmails: string[];
};

let cached: Config | undefined;

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new Error(`Invalid configuration: ${problems}. See the configuration table in README.md.`);
  }
  const value = parsed.data;
  const oidcParts = [value.OIDC_ISSUER, value.OIDC_CLIENT_ID, value.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new Error(
      "Invalid configuration: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together.",
    );
  }
  const oidc =
    value.OIDC_ISSUER && value.OIDC_CLIENT_ID && value.OIDC_CLIENT_SECRET
      ? {
          issuer: value.OIDC_ISSUER,
          clientId: value.OIDC_CLIENT_ID,
          clientSecret: value.OIDC_CLIENT_SECRET,
          name: value.OIDC_NAME,
        }
      : null;
  const operatorEmails = (value.CERTDESK_OPERATOR_EMAILS ?? "")
    .split(",")
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
  const notAnAddress = operatorEmails.find((email) => !/^[^\s@]+@[^\s@]+$/.test(email));
  if (notAnAddress)
    throw new Error(
      `Invalid configuration: CERTDESK_OPERATOR_EMAILS: "${notAnAddress}" is not an email address (a comma-separated list of addresses).`,
    );
  return { ...value, oidc, operatorEmails };
}

export function config(): Config {
  cached ??= readConfig();
  return cached;
}

/** Reads the environment again: for tests and scripts that change a variable after the first config() call. */
export function reloadConfig(): Config {
  cached = readConfig();
  return cached;
}

/** The public base URL of this Certdesk (for links shown to users). */
export function publicUrl(): string {
  const c = config();
  return (c.NEXTAUTH_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, "");
}
