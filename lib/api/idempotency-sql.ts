// Idempotency's two statements on every money-spending API request, in raw SQL on node-postgres (Prisma's
// per-statement CPU showed on the API's hot path): insert the key's row, then keep the answer. Fenced like
// lib/claims/claim-batch-sql.ts (it is on the lint allow-list): every statement names the tenant of the caller's
// TenantContext. The rare paths (a key met again, the sweep of expired rows) stay in lib/api/idempotency.ts.
import crypto from "node:crypto";
import type { TenantContext } from "@/lib/core/tenant-context";
import { pgPool } from "@/lib/db/pg-connections";

/** The API's pool in this process (shared by name with the single claim's statements). */
const apiPool = () => pgPool(`certdesk-api:${process.pid}`, 6);
/**
 * The key's insert commits asynchronously (its own pool): it needs no flush to disk of its own before the request
 * goes on, since WAL is flushed in order and every verb behind a key commits its intent synchronously (a claim's
 * "sending" row) before it spends money; that commit makes the key's row durable too. Visibility is unchanged: a
 * concurrent request with the same key meets the row at once. The kept answer commits synchronously.
 */
const keyInsertPool = () => pgPool(`certdesk-api-async:${process.pid}`, 4, "-c synchronous_commit=off");

/** Inserts the key's row; its id, or null when the tenant already has a row under this key. */
export async function insertIdempotencyKey(
  context: TenantContext,
  row: { key: string; operation: string; requestHash: string; expiresAt: Date },
): Promise<string | null> {
  const { rows } = await keyInsertPool().query<{ id: string }>({
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
