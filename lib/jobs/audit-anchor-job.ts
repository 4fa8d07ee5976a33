// Anchoring the audit chains outside the database, through pg-boss: each worker sends a "tick" to the audit-anchor
// queue every AUDIT_ANCHOR_SECONDS (policy "short": at most one waits, however many workers send), and whichever
// worker takes it anchors every chain whose head moved (lib/audit/anchor-audit-heads.ts), then certifies with
// TrueScreen the heads of the tenants that asked for it and are due (once a day; certify-audit-heads.ts).
import type PgBoss from "pg-boss";
import { anchorAuditHeads } from "@/lib/audit/anchor-audit-heads";
import { certifyDueAuditHeads } from "@/lib/jobs/certify-audit-heads";
import { AUDIT_ANCHOR_QUEUE } from "./job-queues";

export async function runAuditAnchorJob(
  boss: PgBoss,
  options: { intervalSeconds: number; log?: (line: string) => void },
) {
  const log = options.log ?? (() => {});
  // The heads this worker anchored last, per chain: an unchanged chain costs one index lookup a tick.
  const anchored = new Map<string, string>();
  const message = (error: unknown) => (error instanceof Error ? error.message : "unknown error");
  await boss.work(AUDIT_ANCHOR_QUEUE, { pollingIntervalSeconds: 0.5 }, async () => {
    try {
      const run = await anchorAuditHeads({ anchored });
      if (run.written) log(`audit: anchored ${run.written} chain head(s)`);
      for (const head of run.conflicts)
        log(
          `audit: ALERT the anchor of entry ${head.seq} of chain ${head.tenantId ?? "system"} names another hash than the database holds; the chain was rewritten. Verify it on its audit page.`,
        );
    } catch (error) {
      log(`audit anchoring failed: ${message(error)}`);
      return; // certify only heads that were just anchored
    }
    try {
      for (const outcome of await certifyDueAuditHeads()) {
        if (outcome.status === "certified")
          log(`audit: certified the head of tenant ${outcome.tenantId} (${outcome.certificationStatus})`);
        if (outcome.status === "failed")
          log(`audit: could not certify the head of tenant ${outcome.tenantId}: ${outcome.reason}`);
      }
    } catch (error) {
      log(`audit head certification failed: ${message(error)}`);
    }
  });
  const send = () =>
    boss
      .send(AUDIT_ANCHOR_QUEUE, {}, { singletonKey: "tick", retryLimit: 0 })
      .catch((error: Error) => log(`could not queue an audit anchoring tick: ${error.message}`));
  void send();
  const timer = setInterval(() => void send(), options.intervalSeconds * 1000);
  return { stop: () => clearInterval(timer) };
}
