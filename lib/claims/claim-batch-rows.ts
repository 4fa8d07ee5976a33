// Bulk claims, the worker's part for one tenant: claims a batch's queued rows with at most `concurrency` requests in
// flight. Each row is taken atomically and marked "sending" before its request (claim-batch-sql.ts), so a row is
// never sent twice; a row left "sending" by a dead worker is settled by a GET (recover-sending-claim.ts) before it
// is ever queued again. A TrustedForm 4.0 row (apiVersion "4.0") is sent with its stored intent (sendAndSettleV4);
// 4.0 has no GET to settle it by, so its recovery makes it "unknown", and it is taken only about when it can be sent
// (take-timing.ts).
// The caller (lib/jobs/process-claim-batch.ts) holds the tenant's claim lock throughout. When `draining` aborts (the
// worker got SIGTERM), no row is taken any more, a row taken but not yet sent goes back to the queue, and the
// requests in flight are answered and settled before this returns: nothing is left "sending" by a shutdown.
import {
  resolveConnection,
  SandboxNotAllowedError,
  type ResolvedConnection,
} from "@/lib/connections/resolve-connection";
import type { TenantContext } from "@/lib/core/tenant-context";
import { withTenantSecret } from "@/lib/secrets/with-tenant-secret";
import { releaseTakenRow, takeQueuedRow, type TakenRow } from "./claim-batch-sql";
import type { Settlement } from "./claim-settlement";
import { scanTermSchema } from "./scan-terms";
import { sendAndSettle } from "./send-and-settle";
import { SettlementGroupCommit } from "./settlement-group-commit";
import { TakeTiming } from "./take-timing";
import { readClaimIntentV4 } from "./v4/claim-intent-v4";
import { sendAndSettleV4 } from "./v4/send-and-settle-v4";

/** Returns how many rows were settled. Throws (leaving the job to be retried) when the database fails. */
export async function claimBatchRows(
  context: TenantContext,
  batch: { id: string; concurrency: number },
  draining?: AbortSignal,
): Promise<number> {
  // Where this run's claims go and whose key they carry: the connection's environment, decided once. A sandbox the
  // deployment no longer allows gets nothing: its rows fail with the reason.
  let connection: ResolvedConnection | null = null;
  let refusal: SandboxNotAllowedError | null = null;
  try {
    connection = await resolveConnection(context, "trustedform");
  } catch (error) {
    if (!(error instanceof SandboxNotAllowedError)) throw error;
    refusal = error;
  }
  const origin = connection?.origin ?? null;
  const environment = connection?.environment ?? "sandbox";
  let processed = 0;
  const settled = new SettlementGroupCommit(context);
  await withTenantSecret(context, "trustedform.api_key", environment, async (apiKey) => {
    // The runners share a high-water mark; when nothing is left after it, one pass from the start picks up rows
    // that recovery queued again.
    let highest = 0;
    let writeFailed: unknown = null; // also set when taking a row or a runner meets an unexpected error
    const next = async (): Promise<TakenRow | null> => {
      if (draining?.aborted) return null;
      try {
        const row =
          (await takeQueuedRow(context, batch.id, highest)) ?? (await takeQueuedRow(context, batch.id, 0));
        if (row && row.rowNumber > highest) highest = row.rowNumber;
        return row;
      } catch (error) {
        writeFailed ??= error; // the database failed: stop taking rows; the job fails and is retried
        return null;
      }
    };
    const settlementOf = (row: TakenRow): Promise<Settlement> | Settlement =>
      origin && row.certUrl.startsWith(`${origin}/`)
        ? row.apiVersion === "4.0"
          ? sendV4(row)
          : sendAndSettle({
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
        : origin
          ? {
              status: "failed",
              errorKind: "origin_changed",
              errorMessage:
                "The tenant's TrustedForm connection changed since the file was checked; nothing was claimed.",
            }
          : {
              status: "failed",
              errorKind: "sandbox_not_allowed",
              errorMessage: `Nothing was claimed. ${refusal?.message ?? ""}`,
            };
    const sendV4 = (row: TakenRow): Promise<Settlement> | Settlement => {
      const intent = readClaimIntentV4(row.request);
      if (!intent)
        return {
          status: "failed",
          errorKind: "internal",
          errorMessage:
            "This TrustedForm 4.0 row holds no readable request, so nothing was sent or claimed. Claim it anew.",
        };
      return sendAndSettleV4({ url: row.certUrl, apiKey, intent });
    };
    // A runner hands its settled row to the group commit and takes the next row at once; the claim itself is
    // safe already (a row whose write is lost stays "sending" and is settled by a GET). A failed write stops the
    // runners; the job fails and pg-boss retries it.
    const writes: Array<Promise<void>> = [];
    // A 3.0 runner takes its next row while the current claim is in flight, so taking rows costs no time; at most
    // `concurrency` requests are in flight. A row taken but never sent (the job stopped) is "sending" without a
    // claim behind it: recovery's GET finds none and queues it again. A 4.0 row cannot be looked up, so recovery
    // makes every row left "sending" unknown: a 4.0 runner takes its next row about when the current answer is
    // expected (take-timing.ts), so a row is seldom "sending" long before its request leaves.
    const timing = new TakeTiming();
    const timedNext = async (): Promise<TakenRow | null> => {
      const started = performance.now();
      const row = await next();
      timing.observeTake(performance.now() - started);
      return row;
    };
    const runner = async () => {
      let upcoming = next();
      for (let row = await upcoming; row; row = await upcoming) {
        if (draining?.aborted) {
          // Taken ahead of its turn and never sent: back to the queue for the next worker.
          await releaseTakenRow(context, row.id).catch((error: unknown) => void (writeFailed ??= error));
          break;
        }
        const v4 = row.apiVersion === "4.0";
        if (!v4) upcoming = writeFailed ? Promise.resolve(null) : next();
        // 4.0: the next row is taken about when this answer is expected, or else once it has come.
        const ahead: { row?: Promise<TakenRow | null> } = {};
        const delay = v4 ? timing.takeDelayMs() : null;
        const timer =
          delay === null
            ? null
            : setTimeout(() => {
                if (!writeFailed) ahead.row = timedNext();
              }, delay);
        const sentAt = performance.now();
        let settle: Settlement;
        try {
          settle = await settlementOf(row);
        } catch (error) {
          // Unexpected: stop this job with the row left "sending". Every runner ends before the tenant lock is
          // released, so no other worker can recover the row while a request for it may still be under way.
          if (timer) clearTimeout(timer);
          writeFailed ??= error;
          break;
        }
        if (timer) clearTimeout(timer);
        if (v4) {
          timing.observeAnswer(performance.now() - sentAt);
          upcoming = ahead.row ?? (writeFailed ? Promise.resolve(null) : timedNext());
        }
        writes.push(
          settled.settle(row, settle).then(
            () => void (processed += 1),
            (error: unknown) => void (writeFailed ??= error),
          ),
        );
      }
    };
    await Promise.all(Array.from({ length: batch.concurrency }, runner));
    await Promise.all(writes);
    if (writeFailed) throw writeFailed;
  });
  return processed;
}
