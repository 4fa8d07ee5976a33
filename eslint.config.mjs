import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The sandbox simulates external services; the product must never depend on it.
const SANDBOX_FENCE = {
  group: ["**/sandbox/**", "@/sandbox/**"],
  message: "app/ and lib/ never import sandbox/.",
};

// Tenancy fence (README "Security model"): the unscoped Prisma client, raw node-postgres and the builders of scoped
// clients and TenantContexts reach tenant data without a tenant. Product code gets a TenantContext from a gate
// instead; only the system modules below may import these.
const UNSCOPED = [
  { name: "@/lib/db/client", message: "The unscoped client crosses tenants: take a TenantContext instead." },
  { name: "@/lib/db/pg-connections", message: "Raw SQL crosses tenants: take a TenantContext instead." },
  { name: "pg", message: "Raw SQL crosses tenants: take a TenantContext instead." },
  {
    name: "@/lib/db/tenant-scope",
    message: "Scoped clients are built by the gates: use the TenantContext's db.",
    allowTypeImports: true,
  },
  {
    name: "@/lib/tenancy/open-tenant-context",
    message: "Only the gates (app/_auth, lib/jobs, the webhook receiver) build a TenantContext.",
  },
];

/** System modules: sign-in and sessions, tenants, the audit chain, job discovery across tenants, the database itself. */
export const TENANCY_ALLOW_LIST = [
  "lib/db/**",
  "lib/tenancy/**",
  "lib/auth/**",
  "lib/tenants/**",
  "lib/audit/append-audit-entry.ts",
  "lib/audit/verify-audit-chain.ts",
  "lib/audit/anchor-audit-heads.ts",
  "lib/invitations/open-invitation.ts",
  "lib/invitations/accept-invitation-as-user.ts",
  "lib/invitations/accept-invitation-with-password.ts",
  "lib/invitations/join-tenant.ts",
  // The bulk claims hot path in raw SQL (node-postgres): every statement names the tenant of the worker's context.
  "lib/claims/claim-batch-sql.ts",
  "lib/jobs/**",
  "lib/secrets/reseal-all-secrets.ts",
  // The readiness probe: SELECT 1 and the applied migrations' names, no tenant rows.
  "lib/health/readiness.ts",
  // The API token gate's lookup: the token names the tenant (one UPDATE that also counts the rate limit).
  "lib/api-tokens/authenticate-api-token.ts",
  // The API claim's hot path in raw SQL (node-postgres): every statement names the tenant of the request's context.
  "lib/claims/claim-one-sql.ts",
  "lib/api/idempotency-sql.ts",
];

/** The gates that build a TenantContext and need nothing else unscoped: pages, actions and route handlers. */
export const GATES = ["app/_auth/**"];

const restrict = (paths) => ["error", { paths, patterns: [SANDBOX_FENCE] }];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["app/**", "lib/**", "components/**"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-imports": "off", "@typescript-eslint/no-restricted-imports": restrict(UNSCOPED) },
  },
  {
    files: GATES,
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": restrict(
        UNSCOPED.filter((path) => path.name !== "@/lib/tenancy/open-tenant-context"),
      ),
    },
  },
  {
    files: TENANCY_ALLOW_LIST,
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict([]) },
  },
];

export default config;
