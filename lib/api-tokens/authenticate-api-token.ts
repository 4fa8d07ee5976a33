// The API token gate's one database statement (app/_auth/with-api-token.ts): finds the live token by its hash,
// counts the request in the token's one-minute window and stamps lastUsedAt (at most once a minute), all in a single
// UPDATE. The count lives in PostgreSQL, so the limit holds across several app instances. A system module (the token
// names the tenant, so the lookup crosses tenants by nature): it is on the tenancy fence's allow-list. Raw
// node-postgres rather than Prisma: it runs on every API request, and Prisma's per-statement CPU showed there.
import { pgPool } from "@/lib/db/pg-connections";
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
  /** Whole seconds until the token's one-minute window ends. */
  windowLeftSeconds: number;
}

/**
 * The gate's own pool, whose sessions commit asynchronously: the window's count and the last-used stamp need no flush
 * to disk before the request goes on (a crash forgets at most a fraction of a second of counts). Nothing else runs on
 * these connections; every write that spends money commits synchronously on its own.
 */
const tokenGatePool = () => pgPool(`certdesk-api-gate:${process.pid}`, 4, "-c synchronous_commit=off");

export async function authenticateApiToken(token: string): Promise<TokenAuthentication> {
  if (!looksLikeApiToken(token)) return { ok: false, reason: "unknown" };
  // Timestamps are stored as UTC without a zone (as Prisma writes them), hence timezone('UTC', now()).
  const { rows } = await tokenGatePool().query<Row>({
    name: "api-token-authenticate",
    text: `UPDATE "ApiToken" SET
      "windowCount" = CASE WHEN "windowStartedAt" = date_trunc('minute', timezone('UTC', now()))
                           THEN "windowCount" + 1 ELSE 1 END,
      "windowStartedAt" = date_trunc('minute', timezone('UTC', now())),
      "lastUsedAt" = CASE WHEN "lastUsedAt" IS NULL OR "lastUsedAt" < timezone('UTC', now()) - interval '1 minute'
                          THEN timezone('UTC', now()) ELSE "lastUsedAt" END
    WHERE "tokenHash" = $1 AND "revokedAt" IS NULL
    RETURNING "id", "tenantId", "name", "scopes", "windowCount", "rateLimitPerMinute",
      ceil(extract(epoch from ("windowStartedAt" + interval '1 minute' - timezone('UTC', now()))))::int
        AS "windowLeftSeconds"`,
    values: [hashApiToken(token)],
  });
  const row = rows[0];
  if (!row) return { ok: false, reason: "unknown" };
  if (row.windowCount > row.rateLimitPerMinute) {
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.min(60, Math.max(1, row.windowLeftSeconds)),
      limit: row.rateLimitPerMinute,
    };
  }
  return { ok: true, tokenId: row.id, tenantId: row.tenantId, name: row.name, scopes: row.scopes };
}
