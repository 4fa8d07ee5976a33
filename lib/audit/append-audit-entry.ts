// Appends one entry to a tenant's hash chain. Appends to the same chain are serialised with a transaction-scoped
// advisory lock, so that concurrent writers (several app instances, workers) never fork the chain.
// Pass the transaction of the change being audited, so that the change and its entry commit together or not at all.
// Each entry is sealed with an HMAC under the current chain key (audit-chain-key.ts); the worker then anchors the
// chain's head outside the database (anchor-audit-heads.ts).
import { Prisma } from "@/generated/prisma/client";
import { systemDb, type TransactionClient } from "@/lib/db/client";
import { currentAuditChainKey, type AuditChainKey } from "./audit-chain-key";
import { GENESIS_HASH, keyedAuditEntryHash } from "./audit-hash";

export interface AuditInput {
  /** null: the system chain (events without a tenant, such as a failed sign-in for an unknown address). */
  tenantId: string | null;
  actorId?: string | null;
  actorEmail?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** What an append needs of a transaction: raw SQL, which the base client and a tenant-scoped one share. */
export interface AuditTransaction {
  $executeRaw: TransactionClient["$executeRaw"];
  $queryRaw: TransactionClient["$queryRaw"];
}

/** One entry's stored fields, chained after `prevHash`, and its hash: the same for both ways of appending. */
function chainedEntry(
  input: AuditInput,
  seq: number,
  prevHash: string,
  createdAt: Date,
  chainKey: AuditChainKey,
) {
  const fields = {
    tenantId: input.tenantId,
    seq,
    actorId: input.actorId ?? null,
    actorEmail: input.actorEmail ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    details: JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>,
    ip: input.ip ?? null,
    createdAt,
    prevHash,
  };
  return { fields, hash: keyedAuditEntryHash(fields, chainKey), keyId: chainKey.id };
}

export async function appendAuditEntry(
  input: AuditInput,
  transaction?: AuditTransaction,
): Promise<{ id: bigint; seq: number; hash: string }> {
  const lockKey = `certdesk-audit:${input.tenantId ?? "system"}`;
  // Read before the transaction: a missing master key fails the action before anything is written.
  const chainKey = currentAuditChainKey();
  const append = async (tx: AuditTransaction) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
    const [last] = await tx.$queryRaw<Array<{ seq: number; hash: string }>>`
      select seq, hash from "AuditEntry" where "tenantId" is not distinct from ${input.tenantId}::uuid
      order by seq desc limit 1`;
    const { fields, hash, keyId } = chainedEntry(
      input,
      (last?.seq ?? 0) + 1,
      last?.hash ?? GENESIS_HASH,
      new Date(),
      chainKey,
    );
    const [row] = await tx.$queryRaw<Array<{ id: bigint }>>`
      insert into "AuditEntry" ("tenantId", seq, "actorId", "actorEmail", action, "targetType", "targetId", details,
        ip, "createdAt", "prevHash", hash, "keyId")
      values (${fields.tenantId}::uuid, ${fields.seq}, ${fields.actorId}::uuid, ${fields.actorEmail}, ${fields.action},
        ${fields.targetType}, ${fields.targetId}, ${JSON.stringify(fields.details)}::jsonb, ${fields.ip},
        (${fields.createdAt.toISOString()}::timestamptz at time zone 'UTC'), ${fields.prevHash}, ${hash}, ${keyId})
      returning id`;
    return { id: row!.id, seq: fields.seq, hash };
  };
  return transaction ? append(transaction) : systemDb.$transaction(append);
}

/** A node-postgres client inside a transaction (BEGIN already sent), for the worker's hot paths. */
export interface PgTransaction {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Appends several entries of one tenant's chain in one go, inside the caller's node-postgres transaction: one lock,
 * one read of the chain's head, one multi-row insert. Same chain, same hashes as appendAuditEntry.
 */
export async function appendAuditEntries(
  client: PgTransaction,
  tenantId: string,
  inputs: Array<Omit<AuditInput, "tenantId">>,
): Promise<void> {
  if (!inputs.length) return;
  const chainKey = currentAuditChainKey();
  await client.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`certdesk-audit:${tenantId}`]);
  const head = await client.query<AuditChainHead>(
    `select seq, hash from "AuditEntry" where "tenantId" = $1::uuid order by seq desc limit 1`,
    [tenantId],
  );
  const insert = auditEntriesInsert(tenantId, inputs, head.rows[0] ?? null, 1, chainKey);
  await client.query(`insert into "AuditEntry" ${insert.columnsAndValues}`, insert.values);
}

/** A chain's last entry (null: the chain is empty). */
export interface AuditChainHead {
  seq: number;
  hash: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The hot paths' first round trip (the group commit of settled claims): BEGIN, the tenant chain's lock and the read
 * of its head, sent as one simple query. In READ COMMITTED each statement of it takes its own snapshot, so the head
 * is read after the lock is held, as appendAuditEntries reads it. The simple protocol takes no parameters: the
 * tenant id is inlined only once it is a UUID. The caller ends the transaction (COMMIT, or ROLLBACK on an error).
 */
export async function beginAuditAppend(
  client: { query(text: string): Promise<unknown> },
  tenantId: string,
): Promise<AuditChainHead | null> {
  if (!UUID.test(tenantId)) throw new Error("An audit chain's tenant id is a UUID.");
  const results = (await client.query(
    `begin; select pg_advisory_xact_lock(hashtextextended('certdesk-audit:${tenantId}', 0));
     select seq, hash from "AuditEntry" where "tenantId" = '${tenantId}'::uuid order by seq desc limit 1`,
  )) as Array<{ rows: AuditChainHead[] }>;
  return results[2]?.rows[0] ?? null;
}

/**
 * The entries after `head` as the column list and VALUES of an insert into "AuditEntry", numbering its parameters
 * from `firstParam` (so it can follow other parameters in one statement), with their values. Same hashes as
 * appendAuditEntry. The caller holds the chain's lock, in the transaction that read `head`.
 */
export function auditEntriesInsert(
  tenantId: string,
  inputs: Array<Omit<AuditInput, "tenantId">>,
  head: AuditChainHead | null,
  firstParam: number,
  chainKey: AuditChainKey = currentAuditChainKey(),
): { columnsAndValues: string; values: unknown[] } {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const createdAt = new Date();
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const input of inputs) {
    seq += 1;
    const { fields, hash, keyId } = chainedEntry({ ...input, tenantId }, seq, prevHash, createdAt, chainKey);
    const at = firstParam - 1 + values.length;
    tuples.push(
      `($${at + 1}::uuid, $${at + 2}, $${at + 3}::uuid, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7}, $${at + 8}::jsonb, $${at + 9}, ($${at + 10}::timestamptz at time zone 'UTC'), $${at + 11}, $${at + 12}, $${at + 13})`,
    );
    values.push(
      tenantId,
      seq,
      fields.actorId,
      fields.actorEmail,
      fields.action,
      fields.targetType,
      fields.targetId,
      JSON.stringify(fields.details),
      fields.ip,
      createdAt.toISOString(),
      prevHash,
      hash,
      keyId,
    );
    prevHash = hash;
  }
  return {
    columnsAndValues: `("tenantId", seq, "actorId", "actorEmail", action, "targetType", "targetId", details, ip, "createdAt", "prevHash", hash, "keyId") values ${tuples.join(", ")}`,
    values,
  };
}

/**
 * Appends several entries of one tenant's chain inside the caller's Prisma transaction (a TenantContext's
 * `auditMany`): one lock, one read of the chain's head, multi-row inserts. Same chain, same hashes as appendAuditEntry.
 */
export async function appendAuditEntriesInTransaction(
  tx: AuditTransaction,
  tenantId: string,
  inputs: Array<Omit<AuditInput, "tenantId">>,
): Promise<void> {
  if (!inputs.length) return;
  const chainKey = currentAuditChainKey();
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`certdesk-audit:${tenantId}`}, 0))`;
  const [last] = await tx.$queryRaw<Array<{ seq: number; hash: string }>>`
    select seq, hash from "AuditEntry" where "tenantId" = ${tenantId}::uuid order by seq desc limit 1`;
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const createdAt = new Date();
  const at = createdAt.toISOString();
  const tuples = inputs.map((input) => {
    seq += 1;
    const { fields, hash, keyId } = chainedEntry({ ...input, tenantId }, seq, prevHash, createdAt, chainKey);
    prevHash = hash;
    return Prisma.sql`(${tenantId}::uuid, ${fields.seq}, ${fields.actorId}::uuid, ${fields.actorEmail}, ${fields.action},
      ${fields.targetType}, ${fields.targetId}, ${JSON.stringify(fields.details)}::jsonb, ${fields.ip},
      (${at}::timestamptz at time zone 'UTC'), ${fields.prevHash}, ${hash}, ${keyId})`;
  });
  // 13 parameters a row: 1,000 rows a statement stays well under PostgreSQL's 65,535 parameters.
  for (let start = 0; start < tuples.length; start += 1000)
    await tx.$executeRaw`insert into "AuditEntry" ("tenantId", seq, "actorId", "actorEmail", action, "targetType",
      "targetId", details, ip, "createdAt", "prevHash", hash, "keyId")
      values ${Prisma.join(tuples.slice(start, start + 1000))}`;
}
