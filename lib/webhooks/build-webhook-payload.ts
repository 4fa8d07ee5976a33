// The JSON body of a webhook, built from the event's subject row as it is when the event is consumed:
//   { "type": "claim.settled", "timestamp": "<when it happened>", "data": { ... } }
// Ids, statuses, outcomes and counts only: no secrets, no raw contact data (claims keep only fingerprints, and
// those are not sent either), no free text a person typed (references, titles, decision reasons).
import type { TenantContext } from "@/lib/core/tenant-context";
import type { DomainEvent } from "@/lib/events/domain-event";
import type { WebhookEventName } from "./webhook-events";

export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
  [key: string]: unknown;
}

const apiVersion = (value: string) => (value === "v4_0" ? "4.0" : value === "v3_0" ? "3.0" : value);
const iso = (value: Date | null) => (value ? value.toISOString() : null);

async function claimData(context: TenantContext, id: string) {
  const claim = await context.db.claim.findFirst({
    where: { id },
    select: {
      id: true,
      certId: true,
      status: true,
      outcome: true,
      verdict: true,
      apiVersion: true,
      batchId: true,
      fingerprintMatch: true,
      requiredFound: true,
      requiredTotal: true,
      forbiddenFound: true,
      hasWarnings: true,
      errorKind: true,
      claimedAt: true,
    },
  });
  if (!claim) return null;
  return {
    claimId: claim.id,
    certificateId: claim.certId,
    status: claim.status,
    outcome: claim.outcome,
    verdict: claim.verdict,
    apiVersion: apiVersion(claim.apiVersion),
    batchId: claim.batchId,
    fingerprintMatch: claim.fingerprintMatch,
    requiredFound: claim.requiredFound,
    requiredTotal: claim.requiredTotal,
    forbiddenFound: claim.forbiddenFound,
    hasWarnings: claim.hasWarnings,
    errorKind: claim.errorKind,
    claimedAt: iso(claim.claimedAt),
  };
}

async function batchData(context: TenantContext, id: string) {
  const batch = await context.db.claimBatch.findFirst({
    where: { id },
    select: {
      id: true,
      status: true,
      totalRows: true,
      acceptedRows: true,
      createdAt: true,
      finishedAt: true,
    },
  });
  if (!batch) return null;
  const groups = await context.db.claim.groupBy({
    by: ["status", "outcome"],
    where: { batchId: id },
    _count: { _all: true },
  });
  const count = (match: (group: (typeof groups)[number]) => boolean) =>
    groups.filter(match).reduce((sum, group) => sum + group._count._all, 0);
  return {
    batchId: batch.id,
    status: batch.status,
    totalRows: batch.totalRows,
    acceptedRows: batch.acceptedRows,
    refusedRows: batch.totalRows - batch.acceptedRows,
    claimed: count((group) => group.status === "claimed"),
    failed: count((group) => group.status === "failed"),
    unknown: count((group) => group.status === "unknown"),
    succeeded: count((group) => group.outcome === "success"),
    createdAt: iso(batch.createdAt),
    finishedAt: iso(batch.finishedAt),
  };
}

async function certificationData(context: TenantContext, id: string) {
  const certification = await context.db.certification.findFirst({
    where: { id },
    select: {
      id: true,
      mode: true,
      status: true,
      reportId: true,
      creditsAmount: true,
      fileCount: true,
      errorCode: true,
      errorMessage: true,
      completedAt: true,
    },
  });
  if (!certification) return null;
  return {
    certificationId: certification.id,
    mode: certification.mode,
    status: certification.status,
    reportId: certification.reportId,
    creditsAmount: certification.creditsAmount,
    fileCount: certification.fileCount,
    errorCode: certification.errorCode,
    errorMessage: certification.errorMessage,
    completedAt: iso(certification.completedAt),
  };
}

const SUBJECT_KEY: Record<WebhookEventName, string> = {
  "claim.settled": "claimId",
  "batch.finished": "batchId",
  "certification.completed": "certificationId",
  "certification.failed": "certificationId",
};

export async function buildWebhookPayload(
  context: TenantContext,
  event: DomainEvent & { name: WebhookEventName },
): Promise<WebhookPayload> {
  const id = event.subject.id;
  const read =
    event.name === "claim.settled"
      ? claimData
      : event.name === "batch.finished"
        ? batchData
        : certificationData;
  const data = id ? await read(context, id) : null;
  return {
    type: event.name,
    timestamp: event.at.toISOString(),
    data: { ...(data ?? { [SUBJECT_KEY[event.name]]: id }), tenantEventSeq: event.seq },
  };
}
