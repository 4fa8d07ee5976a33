// The notices consumer of domain events (lib/events/domain-event.ts): turns the few events a person wants to hear
// about into Notification rows for their recipients, and queues the emails and the credits check. It runs inside the
// dispatcher's transaction (what it writes commits with the cursor) and never calls SMTP or TrueScreen itself.
// claim.settled is not a notice: a batch of 10,000 claims is one "batch finished" notice, not 10,000.
import type { TenantContext } from "@/lib/core/tenant-context";
import type { DomainEvent, EventConsumer } from "@/lib/events/domain-event";
import { enqueueCreditsCheck, noticeJobs, type NoticeJobSender } from "./notice-jobs";
import { tenantAdmins, writeNotices, type NoticeRecipient } from "./write-notices";

const SERVICE_NAMES: Record<string, string> = { truescreen: "TrueScreen", trustedform: "TrustedForm" };

function text(value: unknown, fallback: string): string {
  return typeof value === "string" && value.trim() ? value.trim().slice(0, 200) : fallback;
}

async function batchFinished(ctx: TenantContext, jobs: NoticeJobSender, event: DomainEvent) {
  const batchId = event.subject.id;
  if (!batchId) return;
  const batch = await ctx.db.claimBatch.findUnique({
    where: { id: batchId },
    select: {
      id: true,
      fileName: true,
      createdById: true,
      acceptedRows: true,
      totalRows: true,
      refused: true,
    },
  });
  // A batch deleted since: nobody to tell, nothing to link to.
  if (!batch?.createdById) return;
  const counts = await ctx.db.claim.groupBy({
    by: ["status"],
    where: { batchId },
    _count: { _all: true },
  });
  const count = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  const refused = Array.isArray(batch.refused) ? batch.refused.length : 0;
  const parts = [`${count("claimed")} claimed`, `${count("failed")} failed`];
  if (count("unknown")) parts.push(`${count("unknown")} to check (no answer)`);
  if (refused) parts.push(`${refused} row${refused === 1 ? "" : "s"} refused`);
  await writeNotices(
    ctx,
    jobs,
    event.seq,
    {
      title: `Bulk claim "${batch.fileName}" finished`,
      body: `${batch.acceptedRows} of ${batch.totalRows} rows were claimed in this batch: ${parts.join(", ")}.`,
      link: `/claims/batches/${batch.id}`,
    },
    [{ userId: batch.createdById, kind: "batch_finished" }],
  );
}

async function certificationFailed(ctx: TenantContext, jobs: NoticeJobSender, event: DomainEvent) {
  const id = event.subject.id;
  if (!id) return;
  const certification = await ctx.db.certification.findUnique({
    where: { id },
    select: { title: true, createdById: true, errorMessage: true, status: true },
  });
  const unknown = event.action === "certification.outcome_unknown" || certification?.status === "unknown";
  const named = certification ? `Certification "${certification.title}"` : "A certification";
  const recipients: NoticeRecipient[] = [];
  if (certification?.createdById)
    recipients.push({ userId: certification.createdById, kind: "certification_failed" });
  for (const userId of await tenantAdmins(ctx)) recipients.push({ userId, kind: "certification_failed_any" });
  const code = typeof event.details.code === "string" ? ` (${event.details.code.slice(0, 40)})` : "";
  await writeNotices(
    ctx,
    jobs,
    event.seq,
    unknown
      ? {
          title: `${named} needs checking`,
          body: "TrueScreen's answer was lost: check whether the certification exists before trying again.",
          link: `/certifications/${id}`,
        }
      : {
          title: `${named} failed`,
          body: `${text(certification?.errorMessage, "TrueScreen refused or failed the certification")}${code}.`,
          link: `/certifications/${id}`,
        },
    recipients,
  );
}

async function connectionFailing(ctx: TenantContext, jobs: NoticeJobSender, event: DomainEvent) {
  // Only the services Certdesk knows are named: a subject id is never echoed into a notice.
  const service = SERVICE_NAMES[event.subject.id ?? ""];
  const connection = service ? `the ${service} connection` : "a connection";
  await writeNotices(
    ctx,
    jobs,
    event.seq,
    {
      title: service ? `A test of the ${service} connection failed` : "A connection test failed",
      body: `${event.actorEmail ? `${event.actorEmail} tested` : "Certdesk tested"} ${connection} and it failed. Open the connections page to see why.`,
      link: "/settings/connections",
    },
    (await tenantAdmins(ctx)).map((userId) => ({ userId, kind: "connection_failing" as const })),
  );
}

export function createNoticesConsumer(jobs: NoticeJobSender): EventConsumer {
  return {
    name: "notices",
    async handle(ctx, event) {
      switch (event.name) {
        case "batch.finished":
          return batchFinished(ctx, jobs, event);
        case "certification.failed":
          return certificationFailed(ctx, jobs, event);
        case "connection.failing":
          return connectionFailing(ctx, jobs, event);
        case "certification.completed": {
          // Credits only go down when certifications are spent; checking after each completion (one check per
          // tenant waits at a time) catches a crossing within seconds, without polling TrueScreen for idle tenants.
          const settings = await ctx.db.noticeSettings.findUnique({
            where: { tenantId: ctx.tenantId },
            select: { creditsThreshold: true },
          });
          if (settings?.creditsThreshold != null) await enqueueCreditsCheck(jobs, ctx.tenantId, event.seq);
          return;
        }
        default:
          return; // claim.settled and anything newer: not a notice
      }
    },
  };
}

/** The consumer the dispatcher runs (lib/events/event-consumers.ts), queueing through the worker's pg-boss. */
export const noticesConsumer = createNoticesConsumer(noticeJobs);
