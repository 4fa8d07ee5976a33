// Idempotency's two statements on every money-spending API request, in raw SQL on node-postgres (Prisma's
// per-statement CPU showed on the API's hot path): insert the key's row, then keep the answer. Fenced like
// lib/claims/claim-batch-sql.ts (it is on the lint allow-list): every statement names the tenant of the caller's
// TenantContext. The rare paths (a key met again, the sweep of expired rows) stay in lib/api/idempotency.ts.
import crypto from "node:crypto";
import type { TenantContext } from "@/lib/core/tenant-context";
import { pgPool } from "@/lib/db/pg-connections";

/** The API's pool in this process (shared by name with the token gate and the single claim's statements). */
const apiPool = () => pgPool(`certdesk-api:${process.pid}`, 6);

/** Inserts the key's row; its id, or null when the tenant already has a row under this key. */
export async function insertIdempotencyKey(
  context: TenantContext,
  row: { key: string; operation: string; requestHash: string; expiresAt: Date },
): Promise<string | null> {
  const { rows } = await apiPool().query<{ id: string }>({
    name: "idempotency-insert",
    text: `insert into "IdempotencyKey" (id, "tenantId", key, operation, "requestHash", "createdAt", "expiresAt")
     values ($1::uuid, $2::uuid, $3, $4, $5, (now() at time zone 'UTC'), ($6::timestamptz at time zone 'UTC'))
     on conflict ("tenantId", key) do nothing
     returning id`,
    values: [
      crypto.randomUUID(),
      context.tenantId,
      row.key,
      row.operation,
      row.requestHash,
      row.expiresAt.toISOString(),
    ],
  });
  return rows[0]?.id ?? null;
}

/** Keeps the answer of the request that inserted the row. */
export async function completeIdempotencyKey(
  context: TenantContext,
  id: string,
  answer: { status: number; body: unknown },
): Promise<void> {
  await apiPool().query({
    name: "idempotency-complete",
    text: `update "IdempotencyKey" set "responseStatus" = $3, "responseBody" = $4::jsonb,
       "completedAt" = (now() at time zone 'UTC')
     where "tenantId" = $1::uuid and id = $2::uuid`,
    values: [context.tenantId, id, answer.status, JSON.stringify(answer.body ?? null)],
  });
}
