// The notices consumer called directly with constructed domain events (as the dispatcher hands them), and the
// member-facing verbs over what it wrote: who receives what, idempotence, hostile input and tenant isolation.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { reloadConfig } from "@/lib/config";
import type { TenantContext } from "@/lib/core/tenant-context";
import { systemDb } from "@/lib/db/client";
import type { DomainEvent, DomainEventName } from "@/lib/events/domain-event";
import { removeMember } from "@/lib/members/remove-member";
import { addUserToTenant, createTenantWithOwner } from "@/scripts/test/factories";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { getNoticePreferences } from "./get-notice-preferences";
import { getNoticesSummary } from "./get-notices-summary";
import { listNotices } from "./list-notices";
import { markNoticesRead } from "./mark-notices-read";
import { NOTICE_CREDITS_QUEUE, NOTICE_EMAIL_QUEUE, type NoticeJobSender } from "./notice-jobs";
import { createNoticesConsumer } from "./notices-consumer";
import { saveNoticePreferences } from "./save-notice-preferences";
import { sendNoticeEmail } from "./send-notice-email";
import { setCreditsThreshold } from "./set-credits-threshold";

beforeAll(() => {
  // Email on (nothing listens there: these tests only look at what is queued).
  process.env.CERTDESK_SMTP_URL = "smtp://127.0.0.1:9";
  reloadConfig();
});

function recordingJobs() {
  const sent: Array<{ queue: string; data: Record<string, unknown> }> = [];
  const jobs: NoticeJobSender = {
    async send(queue, data) {
      sent.push({ queue, data: data as Record<string, unknown> });
      return crypto.randomUUID();
    },
  };
  return { jobs, sent };
}

let nextSeq = 1_000;
function event(
  tenantId: string,
  name: DomainEventName,
  subject: { type: string; id: string | null },
  extra: Partial<DomainEvent> = {},
): DomainEvent {
  return {
    tenantId,
    seq: nextSeq++,
    name,
    action: name,
    subject,
    at: new Date(),
    details: {},
    actorEmail: null,
    ...extra,
  };
}

/** The context the dispatcher hands a consumer: Certdesk itself in the event's tenant, inside a transaction. */
async function handle(consumer: ReturnType<typeof createNoticesConsumer>, e: DomainEvent) {
  const ctx = openTenantContext(e.tenantId, { kind: "system", name: "events" });
  await ctx.transaction((tx) => consumer.handle(tx, e));
}

async function batchOf(ctx: TenantContext, creator: { id: string; email: string }, statuses: string[]) {
  const batch = await systemDb.claimBatch.create({
    data: {
      tenantId: ctx.tenantId,
      fileName: "leads <march>.csv",
      totalRows: statuses.length + 1,
      acceptedRows: statuses.length,
      refused: [{ row: 9, reasons: ["not a url"] }],
      concurrency: 1,
      status: "completed",
      createdById: creator.id,
      createdByEmail: creator.email,
    },
  });
  await systemDb.claim.createMany({
    data: statuses.map((status, i) => ({
      tenantId: ctx.tenantId,
      batchId: batch.id,
      rowNumber: i + 1,
      certId: crypto.randomBytes(20).toString("hex"),
      certUrl: `https://cert.trustedform.com/${crypto.randomBytes(20).toString("hex")}`,
      status: status as "claimed" | "failed" | "unknown",
    })),
  });
  return batch;
}

async function noticesOf(tenantId: string, userId?: string) {
  return systemDb.notification.findMany({ where: { tenantId, ...(userId ? { userId } : {}) } });
}

describe("the notices consumer", () => {
  it("tells a batch's creator once that it finished, with counts and a link, and queues one email", async () => {
    const { tenant, owner } = await createTenantWithOwner();
    const reviewer = await addUserToTenant(tenant.id, "reviewer");
    const batch = await batchOf(reviewer.actor, reviewer.user, ["claimed", "claimed", "failed", "unknown"]);
    const { jobs, sent } = recordingJobs();
    const consumer = createNoticesConsumer(jobs);
    const finished = event(tenant.id, "batch.finished", { type: "claim_batch", id: batch.id });

    await handle(consumer, finished);
    await handle(consumer, finished); // the dispatcher may hand the same event again after a crash

    const rows = await noticesOf(tenant.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: reviewer.user.id,
      seq: finished.seq,
      kind: "batch_finished",
      title: 'Bulk claim "leads <march>.csv" finished',
      body: "4 of 5 rows were claimed in this batch: 2 claimed, 1 failed, 1 to check (no answer), 1 row refused.",
      link: `/claims/batches/${batch.id}`,
      inApp: true,
      emailWanted: true,
    });
    expect(sent).toEqual([
      { queue: NOTICE_EMAIL_QUEUE, data: { tenantId: tenant.id, notificationId: rows[0]!.id } },
    ]);
    // The owner did not start it: nothing for them.
    expect(await noticesOf(tenant.id, owner.id)).toEqual([]);
    const summary = await getNoticesSummary(reviewer.actor);
    expect(summary.unread).toBe(1);
    expect(summary.latest.map((notice) => notice.title)).toEqual(['Bulk claim "leads <march>.csv" finished']);
  });

  it("ignores claim.settled: 10,000 settled claims write no notice and queue nothing", async () => {
    const { tenant } = await createTenantWithOwner();
    const { jobs, sent } = recordingJobs();
    const consumer = createNoticesConsumer(jobs);
    const ctx = openTenantContext(tenant.id, { kind: "system", name: "events" });
    await ctx.transaction(async (tx) => {
      for (let i = 0; i < 10_000; i++)
        await consumer.handle(
          tx,
          event(tenant.id, "claim.settled", { type: "claim", id: crypto.randomUUID() }),
        );
    });
    expect(await noticesOf(tenant.id)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("tells a failed certification's creator, and admins only when they opted in; unknown outcomes need checking", async () => {
    const { tenant, owner, actor: ownerCtx } = await createTenantWithOwner();
    const admin = await addUserToTenant(tenant.id, "admin");
    const certifier = await addUserToTenant(tenant.id, "certifier");
    const viewer = await addUserToTenant(tenant.id, "viewer");
    await saveNoticePreferences(admin.actor, {
      choices: [{ kind: "certification_failed_any", inApp: true, email: false }],
    });
    const certification = await systemDb.certification.create({
      data: {
        tenantId: tenant.id,
        title: "Contract scan",
        mode: "hash",
        status: "error",
        fileCount: 1,
        errorMessage: "Not enough credits",
        createdById: certifier.user.id,
        createdByEmail: certifier.user.email,
      },
    });
    const { jobs, sent } = recordingJobs();
    const consumer = createNoticesConsumer(jobs);
    await handle(
      consumer,
      event(
        tenant.id,
        "certification.failed",
        { type: "certification", id: certification.id },
        {
          action: "certification.refused",
          details: { code: "TS-009" },
        },
      ),
    );
    const rows = await noticesOf(tenant.id);
    expect(rows.map((row) => [row.userId, row.kind, row.emailWanted]).sort()).toEqual(
      [
        [certifier.user.id, "certification_failed", true],
        [admin.user.id, "certification_failed_any", false],
      ].sort(),
    );
    expect(rows[0]!.title).toBe('Certification "Contract scan" failed');
    expect(rows[0]!.body).toBe("Not enough credits (TS-009).");
    expect(rows.some((row) => row.userId === owner.id || row.userId === viewer.user.id)).toBe(false);
    expect(sent).toHaveLength(1);

    await handle(
      consumer,
      event(
        tenant.id,
        "certification.failed",
        { type: "certification", id: certification.id },
        {
          action: "certification.outcome_unknown",
        },
      ),
    );
    const latest = await listNotices(certifier.actor);
    expect(latest.notices[0]!.title).toBe('Certification "Contract scan" needs checking');
    // The owner's own context lists nothing of it.
    expect((await listNotices(ownerCtx)).notices).toEqual([]);
  });

  it("tells admins a connection test failed; not other members", async () => {
    const { tenant, owner } = await createTenantWithOwner();
    const admin = await addUserToTenant(tenant.id, "admin");
    const reviewer = await addUserToTenant(tenant.id, "reviewer");
    const consumer = createNoticesConsumer(recordingJobs().jobs);
    await handle(
      consumer,
      event(
        tenant.id,
        "connection.failing",
        { type: "connection", id: "truescreen" },
        {
          action: "connection.tested",
          actorEmail: owner.email,
        },
      ),
    );
    const rows = await noticesOf(tenant.id);
    expect(rows.map((row) => row.userId).sort()).toEqual([owner.id, admin.user.id].sort());
    expect(rows[0]!.title).toBe("A test of the TrueScreen connection failed");
    expect(rows[0]!.link).toBe("/settings/connections");
    expect(await noticesOf(tenant.id, reviewer.user.id)).toEqual([]);
  });

  it("survives hostile input: deleted subjects, no subject, a subject of another tenant", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    const other = await createTenantWithOwner();
    const foreignBatch = await batchOf(other.actor, other.owner, ["claimed"]);
    await saveNoticePreferences(actor, {
      choices: [{ kind: "certification_failed_any", inApp: true, email: true }],
    });
    const consumer = createNoticesConsumer(recordingJobs().jobs);
    // A batch deleted since, a missing id, and another tenant's batch: nobody to tell.
    await handle(
      consumer,
      event(tenant.id, "batch.finished", { type: "claim_batch", id: crypto.randomUUID() }),
    );
    await handle(consumer, event(tenant.id, "batch.finished", { type: "claim_batch", id: null }));
    await handle(consumer, event(tenant.id, "batch.finished", { type: "claim_batch", id: foreignBatch.id }));
    expect(await noticesOf(tenant.id)).toEqual([]);
    expect(await noticesOf(other.tenant.id)).toEqual([]);
    // A certification deleted since: the admin who opted in still hears of it, without a title to quote.
    const gone = crypto.randomUUID();
    await handle(consumer, event(tenant.id, "certification.failed", { type: "certification", id: gone }));
    const rows = await noticesOf(tenant.id);
    expect(rows.map((row) => [row.title, row.link])).toEqual([
      ["A certification failed", `/certifications/${gone}`],
    ]);
    // An unknown service name is not echoed.
    await handle(consumer, event(tenant.id, "connection.failing", { type: "connection", id: "<script>" }));
    expect((await listNotices(actor)).notices[0]!.title).toBe("A connection test failed");
  });

  it("gives a removed member nothing more: no new notice, and no email for one written before", async () => {
    const { tenant, actor: ownerCtx } = await createTenantWithOwner();
    const reviewer = await addUserToTenant(tenant.id, "reviewer");
    const consumer = createNoticesConsumer(recordingJobs().jobs);
    const first = await batchOf(reviewer.actor, reviewer.user, ["claimed"]);
    await handle(consumer, event(tenant.id, "batch.finished", { type: "claim_batch", id: first.id }));
    const [written] = await noticesOf(tenant.id, reviewer.user.id);
    expect(written).toBeDefined();

    await removeMember(ownerCtx, reviewer.membership.id);
    const second = await batchOf(ownerCtx, reviewer.user, ["claimed"]);
    await handle(consumer, event(tenant.id, "batch.finished", { type: "claim_batch", id: second.id }));
    expect(await noticesOf(tenant.id, reviewer.user.id)).toHaveLength(1);
    const jobCtx = openTenantContext(tenant.id, { kind: "system", name: "notices" });
    expect(await sendNoticeEmail(jobCtx, written!.id)).toBe("not-a-member");
  });

  it("follows each member's preferences per tenant: email only, nothing, and kinds beyond their role refused", async () => {
    const { tenant } = await createTenantWithOwner();
    const reviewer = await addUserToTenant(tenant.id, "reviewer");
    // The same person in a second tenant keeps that tenant's defaults.
    const second = await createTenantWithOwner();
    await systemDb.membership.create({
      data: { tenantId: second.tenant.id, userId: reviewer.user.id, role: "reviewer" },
    });
    const inSecond = openTenantContext(second.tenant.id, {
      kind: "member",
      userId: reviewer.user.id,
      email: reviewer.user.email,
      role: "reviewer",
    });

    const before = await getNoticePreferences(reviewer.actor);
    expect(before.kinds.map((kind) => [kind.kind, kind.inApp, kind.email])).toEqual([
      ["batch_finished", true, true],
    ]);
    expect(before.emailOn).toBe(true);
    expect(before.credits).toBeNull();
    await expect(
      saveNoticePreferences(reviewer.actor, {
        choices: [{ kind: "connection_failing", inApp: true, email: true }],
      }),
    ).rejects.toThrow(/does not receive/);

    await saveNoticePreferences(reviewer.actor, {
      choices: [{ kind: "batch_finished", inApp: false, email: true }],
    });
    const { jobs, sent } = recordingJobs();
    const consumer = createNoticesConsumer(jobs);
    const emailOnly = await batchOf(reviewer.actor, reviewer.user, ["claimed"]);
    await handle(consumer, event(tenant.id, "batch.finished", { type: "claim_batch", id: emailOnly.id }));
    const [row] = await noticesOf(tenant.id, reviewer.user.id);
    expect(row).toMatchObject({ inApp: false, emailWanted: true });
    expect(sent).toHaveLength(1);
    expect(await getNoticesSummary(reviewer.actor)).toEqual({ unread: 0, latest: [] });

    await saveNoticePreferences(reviewer.actor, {
      choices: [{ kind: "batch_finished", inApp: false, email: false }],
    });
    const nothing = await batchOf(reviewer.actor, reviewer.user, ["claimed"]);
    await handle(consumer, event(tenant.id, "batch.finished", { type: "claim_batch", id: nothing.id }));
    expect(await noticesOf(tenant.id, reviewer.user.id)).toHaveLength(1);

    const inOther = await batchOf(inSecond, reviewer.user, ["claimed"]);
    await handle(
      consumer,
      event(second.tenant.id, "batch.finished", { type: "claim_batch", id: inOther.id }),
    );
    expect((await getNoticePreferences(inSecond)).kinds[0]).toMatchObject({ inApp: true, email: true });
    expect((await getNoticesSummary(inSecond)).unread).toBe(1);
    expect((await getNoticesSummary(reviewer.actor)).unread).toBe(0);
  });

  it("keeps each tenant's notices to itself: listing, counting and marking read", async () => {
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    const consumer = createNoticesConsumer(recordingJobs().jobs);
    for (const { tenant } of [a, b])
      await handle(
        consumer,
        event(tenant.id, "connection.failing", { type: "connection", id: "trustedform" }),
      );
    const [aNotice] = await noticesOf(a.tenant.id);
    const [bNotice] = await noticesOf(b.tenant.id);

    expect((await listNotices(b.actor)).notices.map((notice) => notice.id)).toEqual([bNotice!.id]);
    expect(await markNoticesRead(b.actor, { ids: [aNotice!.id, "'; drop table x; --"] })).toBe(0);
    expect(await markNoticesRead(b.actor, "all")).toBe(1);
    expect((await getNoticesSummary(a.actor)).unread).toBe(1);
    // A paging cursor naming another tenant's notice is ignored, not followed.
    expect((await listNotices(b.actor, { before: aNotice!.id })).notices).toHaveLength(1);
    expect(await markNoticesRead(a.actor, { ids: [aNotice!.id] })).toBe(1);
    expect((await getNoticesSummary(a.actor)).latest[0]!.read).toBe(true);
  });

  it("queues a credits check after a completed certification only when the tenant set a threshold", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    const { jobs, sent } = recordingJobs();
    const consumer = createNoticesConsumer(jobs);
    const completed = () => event(tenant.id, "certification.completed", { type: "certification", id: null });
    await handle(consumer, completed());
    expect(sent).toEqual([]);
    await setCreditsThreshold(actor, 50);
    const e = completed();
    await handle(consumer, e);
    expect(sent).toEqual([{ queue: NOTICE_CREDITS_QUEUE, data: { tenantId: tenant.id, seq: e.seq } }]);
    const reviewer = await addUserToTenant(tenant.id, "reviewer");
    await expect(setCreditsThreshold(reviewer.actor, 1)).rejects.toThrow(/Only owners and admins/);
  });
});
