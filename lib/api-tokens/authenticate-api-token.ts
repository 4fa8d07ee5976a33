// The API token gate's one database statement (app/_auth/with-api-token.ts): finds the live token by its hash,
// counts the request in the token's one-minute window and stamps lastUsedAt (at most once a minute), all in a single
// UPDATE. The count lives in PostgreSQL, so the limit holds across several app instances. A system module (the token
// names the tenant, so the lookup crosses tenants by nature): it is on the tenancy fence's allow-list.
import { systemDb } from "@/lib/db/client";
import { hashApiToken, looksLikeApiToken } from "./api-token-secret";

export type TokenAuthentication =
  | { ok: true; tokenId: string; tenantId: string; name: string; scopes: string[] }
  | { ok: false; reason: "unknown" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number; limit: number };

interface Row {
  id: string;
  tenantId: string;
  name: string;
  scopes: string[];
  windowCount: number;
  rateLimitPerMinute: number;
  windowStartedAt: Date;
}

export async function authenticateApiToken(token: string): Promise<TokenAuthentication> {
  if (!looksLikeApiToken(token)) return { ok: false, reason: "unknown" };
  // Timestamps are stored as UTC without a zone (as Prisma writes them), hence timezone('UTC', now()).
  const rows = await systemDb.$queryRaw<Row[]>`
    UPDATE "ApiToken" SET
      "windowCount" = CASE WHEN "windowStartedAt" = date_trunc('minute', timezone('UTC', now()))
                           THEN "windowCount" + 1 ELSE 1 END,
      "windowStartedAt" = date_trunc('minute', timezone('UTC', now())),
      "lastUsedAt" = CASE WHEN "lastUsedAt" IS NULL OR "lastUsedAt" < timezone('UTC', now()) - interval '1 minute'
                          THEN timezone('UTC', now()) ELSE "lastUsedAt" END
    WHERE "tokenHash" = ${hashApiToken(token)} AND "revokedAt" IS NULL
    RETURNING "id", "tenantId", "name", "scopes", "windowCount", "rateLimitPerMinute", "windowStartedAt"`;
  const row = rows[0];
  if (!row) return { ok: false, reason: "unknown" };
  if (row.windowCount > row.rateLimitPerMinute) {
    const left = Math.ceil((row.windowStartedAt.getTime() + 60_000 - Date.now()) / 1000);
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.min(60, Math.max(1, left)),
      limit: row.rateLimitPerMinute,
    };
  }
  return { ok: true, tokenId: row.id, tenantId: row.tenantId, name: row.name, scopes: row.scopes };
}
