import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { grantableScopes, SCOPE_DESCRIPTIONS, SCOPE_PRESETS } from "@/lib/api-tokens/token-scopes";
import { DisplayName } from "@/components/ui/display-name";
import { PageHeader } from "@/components/ui/page-header";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";
import { CreateTokenForm } from "./create-token-form";
import { RevokeTokenButton } from "./revoke-token-button";

export const metadata: Metadata = { title: "API tokens" };

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ApiTokensPage() {
  const member = await requirePageMember("admin");
  const tokens = await listApiTokens(member);
  const scopes = grantableScopes(member.role).map((scope) => ({
    scope,
    description: SCOPE_DESCRIPTIONS[scope],
  }));
  const presets = Object.entries(SCOPE_PRESETS).map(([id, preset]) => ({ id, ...preset }));
  return (
    <>
      <PageHeader
        title="API tokens"
        description={`Tokens for the public API and MCP of ${member.tenantName}. They belong to the tenant; every call is audited under the token's name.`}
      />
      <div className="space-y-6">
        <p className="text-sm text-slate-600">
          The API is described at{" "}
          <Link href="/developers" className="text-brand-700 underline">
            Developers
          </Link>
          .
        </p>
        <CreateTokenForm scopes={scopes} presets={presets} createToken={createApiTokenAction} />
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">API tokens of {member.tenantName}</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Name
                </th>
                <th scope="col" className="px-4 py-3">
                  Scopes
                </th>
                <th scope="col" className="px-4 py-3">
                  Created
                </th>
                <th scope="col" className="px-4 py-3">
                  Last used
                </th>
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="tokens-table">
              {tokens.length === 0 ? (
                <tr>
                  <td colSpan={5} className="px-4 py-6 text-center text-slate-500">
                    No API tokens yet.
                  </td>
                </tr>
              ) : null}
              {tokens.map((token) => (
                <tr key={token.id} className={token.revokedAt ? "text-slate-400" : undefined}>
                  <td className="px-4 py-3">
                    <DisplayName value={token.name} className="font-medium" />
                    <span className="ml-2 font-mono text-xs text-slate-500">{token.prefix}…</span>
                  </td>
                  <td className="px-4 py-3 font-mono text-xs">{token.scopes.join(" ")}</td>
                  <td className="px-4 py-3">
                    {when.format(token.createdAt)} UTC by <DisplayName value={token.createdByEmail} />
                  </td>
                  <td className="px-4 py-3">
                    {token.lastUsedAt ? `${when.format(token.lastUsedAt)} UTC` : "Never"}
                  </td>
                  <td className="px-4 py-3 text-right">
                    {token.revokedAt ? (
                      <span>
                        Revoked {when.format(token.revokedAt)} UTC
                        {token.revokedByEmail ? ` by ${token.revokedByEmail}` : ""}
                      </span>
                    ) : (
                      <RevokeTokenButton
                        tokenId={token.id}
                        name={token.name}
                        revokeToken={revokeApiTokenAction}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
