// The daily certification of audit chain heads (Tenant.auditHeadCertify): once a day, for each tenant that switched
// it on, the SHA-256 of its newest anchor object's bytes is certified with TrueScreen as a hash certification, with
// the tenant's own key, and recorded in AuditHeadCertification. The anchor then carries a third party's timestamp:
// even someone who could rewrite both the database and the evidence storage cannot move that day's head.
// Money rule: the day's attempt is recorded (under a per-tenant lock) before the create call, so that two workers,
// or a retry, never certify twice in a day; a failed attempt is kept and explained in the audit log. An unexpected
// failure before the certification was even saved (so nothing was sent) withdraws the attempt, and the next run tries
// again, up to MAX_UNSAVED_FAILURES a day; one after it was saved keeps that certification as the day's.
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import crypto from "node:crypto";
import { systemDb } from "@/lib/db/client";
import { hashCertificationInput } from "@/lib/certifications/certification-input";
import { certifyHashes } from "@/lib/certifications/certify-hashes";
import { evidenceStore, type EvidenceStore } from "@/lib/evidence/evidence-store";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { findNewestAnchorKey, readAnchor } from "@/lib/audit/audit-anchors";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Unexpected failures before anything was saved that are tried again the same day. */
const MAX_UNSAVED_FAILURES = 3;

export type HeadCertificationOutcome =
  | { tenantId: string; status: "not_due" | "no_anchor" | "unchanged" }
  | { tenantId: string; status: "certified"; certificationId: string; certificationStatus: string }
  | { tenantId: string; status: "failed"; reason: string };

export async function certifyDueAuditHeads(
  options: { store?: EvidenceStore; now?: Date } = {},
): Promise<HeadCertificationOutcome[]> {
  const store = options.store ?? evidenceStore();
  const now = options.now ?? new Date();
  const tenants = await systemDb.tenant.findMany({ where: { auditHeadCertify: true }, select: { id: true } });
  const outcomes: HeadCertificationOutcome[] = [];
  for (const { id } of tenants) outcomes.push(await certifyAuditHeadIfDue(id, store, now));
  return outcomes;
}

async function certifyAuditHeadIfDue(
  tenantId: string,
  store: EvidenceStore,
  now: Date,
): Promise<HeadCertificationOutcome> {
  const due = (latest: { createdAt: Date } | null) =>
    !latest || now.getTime() - latest.createdAt.getTime() >= DAY_MS;
  const last = await systemDb.auditHeadCertification.findFirst({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
  });
  if (!due(last)) return { tenantId, status: "not_due" };
  const head = await systemDb.auditEntry.findFirst({
    where: { tenantId },
    orderBy: { seq: "desc" },
    select: { seq: true },
  });
  const key = await findNewestAnchorKey(store, tenantId, head?.seq ?? 0);
  const read = key ? await readAnchor(store, key, tenantId) : null;
  if (!key || !read) return { tenantId, status: "no_anchor" };
  const { anchor, bytes } = read;
  if (last && (anchor.seq <= last.seq || (await onlyTheLastCertification(tenantId, last))))
    return { tenantId, status: "unchanged" };

  const claimed = await systemDb.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`certdesk-audit-certify:${tenantId}`}, 0))`;
    const latest = await tx.auditHeadCertification.findFirst({
      where: { tenantId },
      orderBy: { createdAt: "desc" },
    });
    if (!due(latest) || (latest && latest.seq >= anchor.seq)) return null;
    return tx.auditHeadCertification.create({
      data: {
        tenantId,
        seq: anchor.seq,
        hash: anchor.hash,
        anchorKey: key,
        anchorSha256: crypto.createHash("sha256").update(bytes).digest("hex"),
      },
      select: { id: true, anchorSha256: true, createdAt: true },
    });
  });
  if (!claimed) return { tenantId, status: "not_due" };

  const title = `Audit log head: entry ${anchor.seq}`;
  try {
    // The tenant acts with no user behind it: the certification's creator and its audit entries read as "system".
    const result = await certifyHashes(
      openTenantContext(tenantId, { kind: "system", name: "audit" }),
      hashCertificationInput.parse({
        title,
        files: [{ name: key.replaceAll("/", "_"), sha256: claimed.anchorSha256 }],
        metadata: [
          { key: "audit_anchor", value: key },
          { key: "audit_entry", value: String(anchor.seq) },
          { key: "audit_entry_hash", value: anchor.hash },
        ],
      }),
    );
    await systemDb.auditHeadCertification.update({
      where: { id: claimed.id },
      data: { certificationId: result.id },
    });
    return { tenantId, status: "certified", certificationId: result.id, certificationStatus: result.status };
  } catch (error) {
    // Most often nothing was sent (no TrueScreen key). The day's attempt stays recorded, without a certification.
    const reason =
      error instanceof UserFacingError ? error.message : "Certdesk could not start the certification.";
    let retried = false;
    if (!(error instanceof UserFacingError)) {
      // The cause goes to the worker's log (the audit entry keeps the words a person reads). The logger is loaded
      // here, not at import: tests set their configuration after importing this module.
      const { componentLogger, logError } = await import("@/lib/log/logger");
      logError(componentLogger("audit").child({ tenantId }), "certifying the audit log head", error);
      const saved = await systemDb.certification.findFirst({
        where: { tenantId, title, createdAt: { gte: claimed.createdAt } },
        orderBy: { createdAt: "desc" },
        select: { id: true, status: true },
      });
      // Saved, so its create call may have gone out: it is the day's certification, settled by its own recovery.
      if (saved) {
        await systemDb.auditHeadCertification.update({
          where: { id: claimed.id },
          data: { certificationId: saved.id },
        });
        return {
          tenantId,
          status: "certified",
          certificationId: saved.id,
          certificationStatus: saved.status,
        };
      }
      const failuresToday = await systemDb.auditEntry.count({
        where: {
          tenantId,
          action: "audit.head_certification_failed",
          createdAt: { gte: new Date(now.getTime() - DAY_MS) },
        },
      });
      if (failuresToday + 1 < MAX_UNSAVED_FAILURES) {
        // Nothing was saved, so nothing was sent: the attempt is withdrawn and the next run tries again.
        await systemDb.auditHeadCertification.delete({ where: { id: claimed.id } });
        retried = true;
      }
    }
    await appendAuditEntry({
      tenantId,
      action: "audit.head_certification_failed",
      targetType: "audit_anchor",
      targetId: key,
      details: { reason, ...(retried ? { retry: "at the next run" } : {}) },
    });
    return { tenantId, status: "failed", reason };
  }
}

/**
 * Whether every entry after the last certified head is about that certification itself (its request, creation,
 * completion, archive): then nothing has happened since, and a dormant tenant does not pay a credit a day for it.
 */
async function onlyTheLastCertification(
  tenantId: string,
  last: { seq: number; certificationId: string | null },
): Promise<boolean> {
  const [others] = await systemDb.$queryRaw<Array<{ count: number }>>`
    select count(*)::int as count from "AuditEntry"
    where "tenantId" = ${tenantId}::uuid and seq > ${last.seq}
      and ("targetType", "targetId") is distinct from ('certification', ${last.certificationId ?? ""})`;
  return others!.count === 0;
}
