// The API's reference in words, server-rendered from the same registry as the OpenAPI document (no scripts: the
// CSP forbids CDN viewers, and a list reads fine).
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { apiRegistry } from "@/lib/api/openapi";
import { SCOPE_DESCRIPTIONS, TOKEN_SCOPES } from "@/lib/api-tokens/token-scopes";
import { PROBLEM_TYPES, problemType } from "@/lib/api/problem";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Developers" };

export default async function DevelopersPage() {
  await requirePageMember("viewer");
  const { endpoints } = apiRegistry();
  return (
    <>
      <PageHeader
        title="Developers"
        description="The Certdesk API (/api/v1) and MCP endpoint (/api/mcp), authenticated by a tenant API token."
      />
      <div className="space-y-8 text-sm text-slate-700">
        <section aria-labelledby="basics" className="space-y-2">
          <h2 id="basics" className="text-base font-semibold text-slate-900">
            Basics
          </h2>
          <p>
            Send <code className="font-mono">Authorization: Bearer cdk_…</code> with a token an admin created
            in{" "}
            <Link href="/settings/tokens" className="text-brand-700 underline">
              Settings → API tokens
            </Link>
            . Requests that spend money need an <code className="font-mono">Idempotency-Key</code> header. The
            machine-readable description is{" "}
            <a href="/api/v1/openapi.json" className="text-brand-700 underline">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI 3.1).
          </p>
        </section>
        <section aria-labelledby="endpoints">
          <h2 id="endpoints" className="text-base font-semibold text-slate-900">
            Endpoints
          </h2>
          <ul
            className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
            data-testid="api-endpoints"
          >
            {endpoints.map((endpoint) => (
              <li
                key={`${endpoint.method} ${endpoint.path}`}
                className="flex flex-wrap items-baseline gap-3 px-4 py-3"
              >
                <code className="w-12 font-mono text-xs font-semibold uppercase">{endpoint.method}</code>
                <code className="font-mono">/api/v1{endpoint.path}</code>
                <span>{endpoint.summary}</span>
                <span className="ml-auto font-mono text-xs text-slate-500">
                  {endpoint.scope}
                  {endpoint.idempotent ? " · Idempotency-Key" : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="scopes">
          <h2 id="scopes" className="text-base font-semibold text-slate-900">
            Scopes
          </h2>
          <dl className="mt-2 space-y-1">
            {TOKEN_SCOPES.map((scope) => (
              <div key={scope} className="flex gap-2">
                <dt className="font-mono">{scope}</dt>
                <dd>{SCOPE_DESCRIPTIONS[scope]}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="problems">
          <h2 id="problems" className="text-base font-semibold text-slate-900">
            Problems (RFC 9457)
          </h2>
          <ul className="mt-2 space-y-1">
            {Object.entries(PROBLEM_TYPES).map(([kind, { status, title }]) => (
              <li key={kind}>
                <code className="font-mono">{problemType(kind as keyof typeof PROBLEM_TYPES)}</code> ({status}
                ): {title}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
