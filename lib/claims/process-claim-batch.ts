// Bulk claims, step two (the worker): claims a batch's queued rows with a bounded number in flight per tenant.
// Each row is taken atomically (FOR UPDATE SKIP LOCKED) and marked "sending" before its request, so several
// workers, retries or restarts never send a row twice; a row left "sending" by a dead worker is settled by a GET
// (which never claims) before it is ever queued again.
import pg from "pg";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { systemDb } from "@/lib/db/client";
import type { TenantScope } from "@/lib/db/tenant-scope";
import { withTenantSecret } from "@/lib/secrets/tenant-secrets";
import { viewClaim } from "@/lib/trustedform/claim-certificate";
import { scanTermSchema } from "./scan-terms";
import { allowedTrustedFormOrigin, claimedSettlement, sendAndSettle, type Settlement } from "./claim-one";

/** A row left "sending" longer than the longest request (30 s) plus a margin belongs to a worker that died. */
export const STALE_SENDING_SECONDS = 45;

export class TenantBusyError extends Error {
  constructor() {
    super("Another worker is claiming this tenant's batches; this one will be retried.");
    this.name = "TenantBusyError";
  }
}

interface TakenRow {
  id: string;
  certId: string;
  certUrl: string;
  vendor: string | null;
  reference: string | null;
  emailFingerprint: string | null;
  phoneFingerprint: string | null;
  requiredTerms: unknown;
  forbiddenTerms: unknown;
  scanDelimiter: string | null;
}

/**
 * Takes the next queued row after `afterRow`. Starting after the last row taken keeps every scan short: the index
 * entries of rows already taken (dead until vacuum) are not walked again and again, which made a 10,000-row batch
 * slow down as it went.
 */
async function takeRow(
  batchId: string,
  afterRow: number,
): Promise<(TakenRow & { rowNumber: number }) | null> {
  const rows = await systemDb.$queryRaw<Array<TakenRow & { rowNumber: number }>>`
    update "Claim" set status = 'sending', "lockedAt" = now(), "updatedAt" = now()
    where id = (
      select id from "Claim"
      where "batchId" = ${batchId}::uuid and status = 'queued' and "rowNumber" > ${afterRow}
      order by "rowNumber" limit 1 for update skip locked)
    returning id, "certId", "certUrl", vendor, reference, "emailFingerprint", "phoneFingerprint", "requiredTerms", "forbiddenTerms", "scanDelimiter", "rowNumber"`;
  return rows[0] ?? null;
}

async function settleRow(
  scope: TenantScope & { actorEmail: string | null },
  row: { id: string; certId: string },
  settle: Settlement,
  via: string,
) {
  await systemDb.$transaction(async (tx) => {
    await tx.claim.update({ where: { id: row.id }, data: { ...(settle as object), lockedAt: null } });
    await appendAuditEntry(
      {
        tenantId: scope.tenantId,
        actorId: scope.actorId,
        actorEmail: scope.actorEmail,
        action: settle.status === "claimed" ? "claim.claimed" : `claim.${settle.status}`,
        targetType: "claim",
        targetId: row.id,
        details: { certId: row.certId, status: settle.status, via },
      },
      tx,
    );
  });
}

export async function processClaimBatch(batchId: string): Promise<{ processed: number; completed: boolean }> {
  const batch = await systemDb.claimBatch.findUnique({ where: { id: batchId } });
  if (!batch || batch.status === "completed") return { processed: 0, completed: true };
  const scope = { tenantId: batch.tenantId, actorId: batch.createdById, actorEmail: batch.createdByEmail };

  // One batch at a time per tenant, held on a dedicated connection: if this worker dies, PostgreSQL drops the lock.
  const lock = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await lock.connect();
  try {
    const got = await lock.query("select pg_try_advisory_lock(hashtextextended($1, 0)) as ok", [
      `certdesk-claims:${batch.tenantId}`,
    ]);
    if (!got.rows[0]?.ok) throw new TenantBusyError();
    const origin = await allowedTrustedFormOrigin({
      ...scope,
      actorId: scope.actorId ?? "",
      actorRole: "owner",
      actorEmail: scope.actorEmail ?? "",
    });
    let processed = 0;
    await withTenantSecret(scope, "trustedform.api_key", async (apiKey) => {
      // The runners share a high-water mark; when nothing is left after it, one pass from the start picks up rows
      // that recovery queued again.
      let highest = 0;
      const next = async () => {
        const row = (await takeRow(batchId, highest)) ?? (await takeRow(batchId, 0));
        if (row && row.rowNumber > highest) highest = row.rowNumber;
        return row;
      };
      const runner = async () => {
        for (let row = await next(); row; row = await next()) {
          const settle: Settlement = row.certUrl.startsWith(`${origin}/`)
            ? await sendAndSettle({
                url: row.certUrl,
                apiKey,
                gaveContact: Boolean(row.emailFingerprint || row.phoneFingerprint),
                request: {
                  fingerprints: [row.emailFingerprint, row.phoneFingerprint].filter((f): f is string =>
                    Boolean(f),
                  ),
                  reference: row.reference ?? undefined,
                  vendor: row.vendor ?? undefined,
                  requiredScanTerms: scanTermSchema.array().parse(row.requiredTerms),
                  forbiddenScanTerms: scanTermSchema.array().parse(row.forbiddenTerms),
                  scanDelimiter: row.scanDelimiter ?? undefined,
                },
              })
            : {
                status: "failed",
                errorKind: "origin_changed",
                errorMessage:
                  "The tenant's TrustedForm connection changed since the file was checked; nothing was claimed.",
              };
          await settleRow(scope, row, settle, "batch");
          processed += 1;
        }
      };
      await Promise.all(Array.from({ length: batch.concurrency }, runner));
    });
    const left = await systemDb.claim.count({ where: { batchId, status: { in: ["queued", "sending"] } } });
    if (left === 0)
      await systemDb.claimBatch.update({
        where: { id: batchId },
        data: { status: "completed", finishedAt: new Date() },
      });
    return { processed, completed: left === 0 };
  } finally {
    await lock.end();
  }
}

/**
 * Rows left "sending" by a worker that died: a GET tells whether the claim happened. Batch rows it does not show
 * are queued again (their request is long over); a single claim becomes "unknown" for a person to check.
 * Returns the batches that have work and nobody working them, for the caller to enqueue.
 */
export async function recoverStaleClaims(staleSeconds = STALE_SENDING_SECONDS): Promise<string[]> {
  const stale = await systemDb.claim.findMany({
    where: {
      status: "sending",
      OR: [
        { lockedAt: { lt: new Date(Date.now() - staleSeconds * 1000) } },
        { lockedAt: null, createdAt: { lt: new Date(Date.now() - staleSeconds * 1000) } },
      ],
    },
    select: {
      id: true,
      tenantId: true,
      certId: true,
      certUrl: true,
      batchId: true,
      emailFingerprint: true,
      phoneFingerprint: true,
      createdById: true,
      createdByEmail: true,
    },
    take: 1000,
  });
  for (const row of stale) {
    const scope = { tenantId: row.tenantId, actorId: row.createdById, actorEmail: row.createdByEmail };
    const seen = await withTenantSecret(scope, "trustedform.api_key", async (apiKey) =>
      apiKey ? viewClaim(row.certUrl, apiKey) : null,
    ).catch(() => undefined);
    if (seen === undefined) continue; // TrustedForm did not answer: try again at the next sweep
    if (seen) {
      await settleRow(
        scope,
        row,
        claimedSettlement(seen, Boolean(row.emailFingerprint || row.phoneFingerprint)),
        "recovery",
      );
    } else if (row.batchId) {
      await systemDb.claim.updateMany({
        where: { id: row.id, status: "sending" },
        data: { status: "queued", lockedAt: null },
      });
    } else {
      await settleRow(
        scope,
        row,
        {
          status: "unknown",
          errorKind: "no_answer",
          errorMessage:
            "Certdesk stopped while this claim was under way, and TrustedForm shows no claim yet. Use Check again before claiming anew.",
        },
        "recovery",
      );
    }
  }
  // Batches with rows still queued and no progress for a few seconds: nobody is working them (new, or their worker died).
  const idle = await systemDb.$queryRaw<Array<{ id: string }>>`
    select b.id from "ClaimBatch" b
    where b.status = 'running'
      and exists (select 1 from "Claim" c where c."batchId" = b.id and c.status in ('queued', 'sending'))
      and not exists (select 1 from "Claim" c where c."batchId" = b.id and c."updatedAt" > now() - interval '5 seconds' and c.status <> 'queued')`;
  const finished = await systemDb.$queryRaw<Array<{ id: string }>>`
    select b.id from "ClaimBatch" b
    where b.status = 'running' and not exists (select 1 from "Claim" c where c."batchId" = b.id and c.status in ('queued', 'sending'))`;
  for (const batch of finished)
    await systemDb.claimBatch.update({
      where: { id: batch.id },
      data: { status: "completed", finishedAt: new Date() },
    });
  return idle.map((batch) => batch.id);
}
