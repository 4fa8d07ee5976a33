// The bulk claims hot path in raw SQL, on node-postgres (Prisma's per-query CPU cost capped a worker near 100
// claims/s). Fenced like the unscoped client (it is on the lint allow-list): every statement here names the tenant
// (`"tenantId" = $n`), taken from the worker's TenantContext, even where a row or batch id alone would find the row.
// So a wrong id from a job can reach nothing of another tenant.
import { currentAuditChainKey } from "@/lib/audit/audit-chain-key";
import { auditEntriesInsert, beginAuditAppend } from "@/lib/audit/append-audit-entry";
import { auditActor } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { pgPool } from "@/lib/db/pg-connections";
import type { Claim } from "@/generated/prisma/client";
import type { Settlement } from "./claim-settlement";
import { claimColumns, claimFromRow, claimRowTypes, type ClaimRowAsRead } from "./claim-one-sql";
import { apiVersionOf } from "./v4/trustedform-api-version";

/** One small pool per worker process for the hot path; named with the pid so an operator (and the scale check) can
 * tell in pg_stat_activity which process a statement belongs to. */
const claimsPool = () => pgPool(`certdesk-claims:${process.pid}`, 4);

export interface TakenRow {
  id: string;
  rowNumber: number;
  certId: string;
  certUrl: string;
  vendor: string | null;
  reference: string | null;
  emailFingerprint: string | null;
  phoneFingerprint: string | null;
  requiredTerms: unknown;
  forbiddenTerms: unknown;
  scanDelimiter: string | null;
  /** The database's label of the row's API version. */
  apiVersion: "3.0" | "4.0";
  /** 4.0: the row's intent (claim-intent-v4.ts); null on 3.0 rows. */
  request: unknown;
}

/**
 * Takes the batch's next queued row after `afterRow` and marks it "sending", atomically (FOR UPDATE SKIP LOCKED), so
 * several workers, retries or restarts never send a row twice. Starting after the last row taken keeps every scan
 * short: the index entries of rows already taken (dead until vacuum) are not walked again and again, which made a
 * 10,000-row batch slow down as it went.
 */
export async function takeQueuedRow(
  context: TenantContext,
  batchId: string,
  afterRow: number,
): Promise<TakenRow | null> {
  const { rows } = await claimsPool().query<TakenRow>(
    `update "Claim" set status = 'sending', "lockedAt" = (now() at time zone 'UTC'), "updatedAt" = (now() at time zone 'UTC')
     where "tenantId" = $1::uuid and id = (
       select id from "Claim"
       where "tenantId" = $1::uuid and "batchId" = $2::uuid and status = 'queued' and "rowNumber" > $3
       order by "rowNumber" limit 1 for update skip locked)
     returning id, "certId", "certUrl", vendor, reference, "emailFingerprint", "phoneFingerprint", "requiredTerms", "forbiddenTerms", "scanDelimiter", "rowNumber",
       "apiVersion", request`,
    [context.tenantId, batchId, afterRow],
  );
  return rows[0] ?? null;
}

/** A row taken but never sent (the worker is stopping) goes back to the queue, as if never taken. */
export async function releaseTakenRow(context: TenantContext, rowId: string): Promise<void> {
  await claimsPool().query(
    `update "Claim" set status = 'queued', "lockedAt" = null, "updatedAt" = (now() at time zone 'UTC')
     where "tenantId" = $1::uuid and id = $2::uuid and status = 'sending'`,
    [context.tenantId, rowId],
  );
}

/**
 * One statement settles many rows: each row's fields as a JSON record (absent fields keep their value, or are null
 * where the settlement has nothing to say). A 4.0 answer also writes its version, the body sent (`request`, else the
 * row's intent stays), the facts reviewers filter on and the verdict.
 */
const SETTLE_ROWS = `
  update "Claim" c set
    status = v.status::"ClaimStatus",
    outcome = v.outcome::"ClaimOutcome",
    "apiVersion" = coalesce(v."apiVersion"::"TrustedFormApiVersion", c."apiVersion"),
    request = coalesce(v.request, c.request),
    "emailMatch" = v."emailMatch",
    "phoneMatch" = v."phoneMatch",
    "retainedUntil" = (v."retainedUntil" at time zone 'UTC'),
    "previouslyRetained" = v."previouslyRetained",
    "botDetected" = v."botDetected",
    "oneToOne" = v."oneToOne",
    "languageApproved" = v."languageApproved",
    "secondsOnPage" = v."secondsOnPage",
    verdict = v.verdict::"ClaimVerdict",
    "verdictRules" = v."verdictRules",
    "requiredFound" = coalesce(v."requiredFound", c."requiredFound"),
    "requiredTotal" = coalesce(v."requiredTotal", c."requiredTotal"),
    "forbiddenFound" = coalesce(v."forbiddenFound", c."forbiddenFound"),
    "fingerprintMatch" = v."fingerprintMatch",
    warnings = coalesce(v.warnings, c.warnings),
    "hasWarnings" = coalesce(v."hasWarnings", c."hasWarnings"),
    response = v.response,
    "claimedAt" = (v."claimedAt" at time zone 'UTC'),
    "errorKind" = v."errorKind",
    "errorMessage" = v."errorMessage",
    "lockedAt" = null,
    "updatedAt" = (now() at time zone 'UTC')
  from jsonb_to_recordset($2::jsonb) as v(id uuid, status text, outcome text, "requiredFound" int, "requiredTotal" int,
    "forbiddenFound" int, "fingerprintMatch" boolean, warnings text[], "hasWarnings" boolean, response jsonb,
    "claimedAt" timestamptz, "errorKind" text, "errorMessage" text, "apiVersion" text, request jsonb,
    "emailMatch" boolean, "phoneMatch" boolean, "retainedUntil" timestamptz, "previouslyRetained" boolean,
    "botDetected" boolean, "oneToOne" boolean, "languageApproved" boolean, "secondsOnPage" double precision,
    verdict text, "verdictRules" jsonb)
  where c."tenantId" = $1::uuid and c.id = v.id and c.status = 'sending'`;

export interface SettledRow {
  row: { id: string; certId: string };
  settle: Settlement;
  /**
   * The row's audit entry when it is not a batch row (a single claim's: its own actor and details); absent, the
   * entry names the context's actor with `"via": "batch"`.
   */
  audit?: { actorId: string | null; actorEmail: string | null; details: Record<string, unknown> };
}

/**
 * Writes settled rows and their audit entries in one transaction of three round trips: the group commit's write. A batch row's entry
 * ("via": "batch") names the context's actor (the worker acts on behalf of the batch's creator); a single claim's
 * brings its own (`audit`).
 */
export async function writeSettledRows(
  context: TenantContext,
  items: SettledRow[],
  options: { returnRows?: boolean } = {},
): Promise<Map<string, Claim>> {
  const records = items.map(({ row, settle }) => ({
    ...settle,
    id: row.id,
    ...("claimedAt" in settle ? { claimedAt: settle.claimedAt.toISOString() } : {}),
    // The enum's database labels ("3.0", "4.0"), not Prisma's names.
    ...("apiVersion" in settle ? { apiVersion: apiVersionOf(settle.apiVersion) } : {}),
    ...("retainedUntil" in settle ? { retainedUntil: settle.retainedUntil?.toISOString() ?? null } : {}),
  }));
  const actor = auditActor(context.actor);
  const entries = items.map(({ row, settle, audit }) => ({
    actorId: audit ? audit.actorId : actor.actorId,
    actorEmail: audit ? audit.actorEmail : actor.actorEmail,
    action: settle.status === "claimed" ? "claim.claimed" : `claim.${settle.status}`,
    targetType: "claim",
    targetId: row.id,
    details: audit?.details ?? { certId: row.certId, status: settle.status, via: "batch" },
  }));
  // Read before the transaction: a missing master key fails the write before anything is written.
  const chainKey = currentAuditChainKey();
  const client = await claimsPool().connect();
  try {
    // Three round trips: BEGIN with the chain's lock and head; the rows' update and their entries in one statement
    // (a data-modifying WITH runs to completion); COMMIT.
    const head = await beginAuditAppend(client, context.tenantId);
    const audit = auditEntriesInsert(context.tenantId, entries, head, 3, chainKey);
    const values = [context.tenantId, JSON.stringify(records), ...audit.values];
    const settled = new Map<string, Claim>();
    if (options.returnRows) {
      // The settled rows as Prisma reads them, for single claims answered at once (the API's), without a re-read.
      const { rows } = await client.query<ClaimRowAsRead>({
        text: `with settled as (${SETTLE_ROWS} returning ${claimColumns("c")}),
          entries as (insert into "AuditEntry" ${audit.columnsAndValues}) select * from settled`,
        values,
        types: claimRowTypes,
      });
      for (const row of rows) settled.set(row.id, claimFromRow(row));
    } else
      await client.query(
        `with settled as (${SETTLE_ROWS}) insert into "AuditEntry" ${audit.columnsAndValues}`,
        values,
      );
    await client.query("commit");
    return settled;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
