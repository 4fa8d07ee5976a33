// Following certifications to their end, from the worker: polling pending ones with backoff (so a lost webhook
// never leaves one pending), and archiving the artifacts of completed ones into evidence storage within their 60 s
// URL window. Rows are leased with UPDATE ... FOR UPDATE SKIP LOCKED, so several workers share the work safely.
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { forEachLimited } from "@/lib/for-each-limited";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { systemDb } from "@/lib/db/client";
import { tenantDb } from "@/lib/db/tenant-scope";
import type { TenantContext } from "@/lib/core/tenant-context";

// TRANSITION (Tenancy issue)
type TenantScope = TenantContext;
import { evidenceStore } from "@/lib/evidence/evidence-store";
import {
  getCertification,
  TrueScreenProblem,
  type CertificationLookup,
  type CertificationState,
} from "@/lib/truescreen/client";
import { checkArtifacts } from "./check-artifacts";
import { downloadArtifact } from "./download-artifact";
import { checkServiceUrl } from "./check-service-url";
import { tenantTrueScreen } from "./truescreen-account";

/** Poll backoff: 2 s, 3 s, 4.5 s, ... capped at 30 s, so a certification settles within a minute of completion. */
export function nextPollDelaySeconds(pollCount: number): number {
  return Math.min(2 * 1.5 ** pollCount, 30);
}

/** Archive retries: 5 s, 10 s, 20 s, ... capped at 10 minutes. */
export function nextArchiveDelaySeconds(attempts: number): number {
  return Math.min(5 * 2 ** attempts, 600);
}

/** Uploads not finished within this long are closed (the browser went away); nothing was spent. */
const ABANDONED_UPLOAD_MINUTES = 60;

const LEASE_SECONDS = 60;

export type Applied = "completed" | "error" | "unchanged";

/**
 * Applies TrueScreen's word on a certification (from a GET or a webhook). Only a certification still waiting
 * (pending, or unknown/creating when TrueScreen proves it exists) changes, once: a second delivery is a no-op.
 */
export async function applyLookup(
  scope: TenantScope,
  certificationId: string,
  lookup: CertificationLookup,
  source: "webhook" | "poll",
): Promise<Applied> {
  if (lookup.kind === "state" && lookup.state.status !== "completed") return "unchanged";
  return tenantDb(scope).$transaction(async (tx) => {
    const now = new Date();
    const data =
      lookup.kind === "state"
        ? {
            status: "completed" as const,
            // Learnt here when the create answer could not be read or was lost (never replaces another id: see
            // the where below).
            reportId: lookup.state.report_id,
            completedAt: now,
            nextPollAt: null,
            archiveNextAt: now,
            errorCode: null,
            errorDetail: null,
            errorMessage: null,
          }
        : {
            status: "error" as const,
            nextPollAt: null,
            errorCode: lookup.problem.code,
            errorDetail: lookup.problem.detail,
            errorMessage: lookup.problem.message,
          };
    const updated = await tx.certification.updateMany({
      where: {
        id: certificationId,
        status: { in: ["pending", "creating", "unknown"] },
        ...(lookup.kind === "state"
          ? { OR: [{ reportId: null }, { reportId: lookup.state.report_id }] }
          : {}),
      },
      data,
    });
    if (updated.count !== 1) return "unchanged";
    await appendAuditEntry(
      {
        tenantId: scope.tenantId,
        action: data.status === "completed" ? "certification.completed" : "certification.failed",
        targetType: "certification",
        targetId: certificationId,
        details: { via: source, ...(data.status === "error" ? { code: data.errorCode } : {}) },
      },
      tx,
    );
    return data.status;
  });
}

interface Leased {
  id: string;
  tenantId: string;
  reportId: string | null;
  pollCount: number;
}

/** Polls the pending certifications that are due. Returns how many it asked about. */
export async function pollDueCertifications(limit = 50): Promise<number> {
  const due = await systemDb.$queryRaw<Leased[]>`
    UPDATE "Certification" SET "nextPollAt" = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE id IN (
      SELECT id FROM "Certification"
      WHERE status = 'pending' AND "nextPollAt" <= now() AND "reportId" IS NOT NULL
      ORDER BY "nextPollAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "tenantId", "reportId", "pollCount"`;
  await forEachLimited(due, 8, async (row) => {
    const scope = openTenantContext(row.tenantId, { kind: "system", name: "worker" });
    let applied: Applied = "unchanged";
    try {
      const truescreen = await tenantTrueScreen(scope);
      const lookup = await getCertification(truescreen.account, row.reportId!);
      applied = await applyLookup(scope, row.id, lookup, "poll");
    } catch {
      // Not a verdict (network, gateway, key removed): ask again later.
    }
    if (applied === "unchanged")
      await tenantDb(scope).certification.updateMany({
        where: { id: row.id, status: "pending" },
        data: {
          pollCount: { increment: 1 },
          nextPollAt: new Date(Date.now() + nextPollDelaySeconds(row.pollCount) * 1000),
        },
      });
  });
  return due.length;
}

const EXTENSION: Record<string, string> = { data: "json", report: "pdf", xml: "xml" };
const CONTENT_TYPE: Record<string, string> = {
  data: "application/json",
  report: "application/pdf",
  xml: "application/xml",
  media: "application/octet-stream",
};

function artifactFileName(
  type: string,
  position: number,
  reportId: string,
  files: Array<{ position: number; fileName: string }>,
) {
  if (type === "media")
    return files.find((f) => f.position === position)?.fileName ?? `media-${position + 1}`;
  return `${reportId}.${EXTENSION[type]}`;
}

/** Downloads every artifact not archived yet into evidence storage, then checks them. */
export async function archiveCertification(scope: TenantScope, certificationId: string): Promise<void> {
  const db = tenantDb(scope);
  const certification = await db.certification.findFirst({
    where: { id: certificationId },
    include: { files: { orderBy: { position: "asc" } }, artifacts: true },
  });
  if (!certification || certification.status !== "completed" || certification.archivedAt) return;
  const truescreen = await tenantTrueScreen(scope);
  // Fresh URLs: each GET signs them anew for 60 s.
  const lookup = await getCertification(truescreen.account, certification.reportId!);
  if (lookup.kind !== "state" || lookup.state.status !== "completed")
    throw new Error("TrueScreen no longer shows this certification as completed.");
  const positions = new Map<string, number>();
  const wanted = lookup.state.files.map((file: CertificationState["files"][number]) => {
    const position = positions.get(file.type) ?? 0;
    positions.set(file.type, position + 1);
    return { ...file, position };
  });
  const store = evidenceStore();
  for (const file of wanted) {
    if (certification.artifacts.some((a) => a.type === file.type && a.position === file.position)) continue;
    const url = checkServiceUrl(file.url, truescreen);
    const response = await downloadArtifact(url);
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`Downloading the ${file.type} artifact answered HTTP ${response.status}.`);
    }
    const contentType = (response.headers.get("content-type") ?? CONTENT_TYPE[file.type]!)
      .split(";")[0]!
      .trim();
    const storageKey = `${scope.tenantId}/${certificationId}/${file.type}-${file.position}`;
    const stored = await store.put(storageKey, response.body, contentType);
    await db.certificationArtifact.upsert({
      where: {
        certificationId_type_position: { certificationId, type: file.type, position: file.position },
      },
      update: { storageKey, sha256: stored.sha256, size: BigInt(stored.size), contentType },
      create: {
        certificationId,
        type: file.type,
        position: file.position,
        fileName: artifactFileName(file.type, file.position, certification.reportId!, certification.files),
        contentType,
        storageKey,
        sha256: stored.sha256,
        size: BigInt(stored.size),
      } as never,
    });
  }
  const checks = await checkArtifacts(scope, certificationId);
  await db.$transaction(async (tx) => {
    await tx.certification.update({
      where: { id: certificationId },
      data: { archivedAt: new Date(), archiveNextAt: null, archiveError: null, checks: checks as never },
    });
    await appendAuditEntry(
      {
        tenantId: scope.tenantId,
        action: "certification.archived",
        targetType: "certification",
        targetId: certificationId,
        details: { artifacts: wanted.length, xmlSignatureValid: checks.xml?.valid ?? null },
      },
      tx,
    );
  });
}

/** Archives the completed certifications that are due; a failure is retried with backoff. */
export async function archiveDueCertifications(limit = 10): Promise<number> {
  const due = await systemDb.$queryRaw<Array<{ id: string; tenantId: string; archiveAttempts: number }>>`
    UPDATE "Certification" SET "archiveNextAt" = now() + make_interval(secs => ${LEASE_SECONDS * 30})
    WHERE id IN (
      SELECT id FROM "Certification"
      WHERE "archiveNextAt" <= now() AND status = 'completed' AND "archivedAt" IS NULL
      ORDER BY "archiveNextAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "tenantId", "archiveAttempts"`;
  await forEachLimited(due, 4, async (row) => {
    const scope = openTenantContext(row.tenantId, { kind: "system", name: "worker" });
    try {
      await archiveCertification(scope, row.id);
    } catch (error) {
      const message =
        error instanceof TrueScreenProblem
          ? error.message
          : error instanceof Error
            ? error.message
            : "unknown error";
      await tenantDb(scope).certification.updateMany({
        where: { id: row.id, archivedAt: null },
        data: {
          archiveAttempts: { increment: 1 },
          archiveError: message.slice(0, 500),
          archiveNextAt: new Date(Date.now() + nextArchiveDelaySeconds(row.archiveAttempts) * 1000),
        },
      });
    }
  });
  return due.length;
}

/** Uploads the browser never finished (closed tab): closed, so the list does not show them uploading forever. */
export async function closeAbandonedUploads(): Promise<number> {
  const closed = await systemDb.certification.updateMany({
    where: {
      status: "uploading",
      updatedAt: { lt: new Date(Date.now() - ABANDONED_UPLOAD_MINUTES * 60_000) },
    },
    data: {
      status: "error",
      errorMessage: "The upload was never finished (the browser left), so nothing was certified or spent.",
    },
  });
  return closed.count;
}
