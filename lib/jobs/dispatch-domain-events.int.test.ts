import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { completeClaimBatch } from "@/lib/claims/complete-claim-batch";
import type { TenantContext } from "@/lib/core/tenant-context";
import { systemDb } from "@/lib/db/client";
import type { DomainEvent, EventConsumer } from "@/lib/events/domain-event";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { dispatchDomainEvents } from "./dispatch-domain-events";

/** A consumer that keeps what it heard in memory and writes one row per event in the dispatch transaction. */
function recorder(name: string, options: { failOn?: (event: DomainEvent) => boolean } = {}) {
  const heard: DomainEvent[] = [];
  const consumer: EventConsumer = {
    name,
    async handle(ctx: TenantContext, event: DomainEvent) {
      // A real write in the cursor's transaction: a saved view named after the event (unique per tenant and name).
      const owner = await ctx.db.membership.findFirst({ where: { role: "owner" }, select: { userId: true } });
      await ctx.db.savedView.create({
        data: { userId: owner!.userId, name: `${name}:${event.seq}`, query: event.name },
      });
      if (options.failOn?.(event)) throw new Error(`${name} could not handle ${event.name}`);
      heard.push(event);
    },
  };
  return { consumer, heard };
}

const rowsOf = (tenantId: string, name: string) =>
  systemDb.savedView.count({ where: { tenantId, name: { startsWith: `${name}:` } } });

describe("domain events read off the audit chain", () => {
  it("hands each tenant's events to a consumer once, in chain order, and skips other entries", async () => {
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    const name = `rec-${crypto.randomBytes(3).toString("hex")}`;
    const { consumer, heard } = recorder(name);
    const only = { tenantIds: [a.tenant.id, b.tenant.id] };
    await a.actor.audit("member.invited", { type: "member" }, {});
    await a.actor.audit("claim.claimed", { type: "claim", id: crypto.randomUUID() }, { certId: "x" });
    await a.actor.audit("connection.tested", { type: "connection", id: "trustedform" }, { ok: true });
    await a.actor.audit("connection.tested", { type: "connection", id: "truescreen" }, { ok: false });
    await a.actor.audit("certification.refused", { type: "certification", id: crypto.randomUUID() }, {});
    await b.actor.audit("certification.completed", { type: "certification", id: crypto.randomUUID() }, {});

    await dispatchDomainEvents([consumer], only);
    const ofA = heard.filter((event) => event.tenantId === a.tenant.id);
    expect(ofA.map((event) => event.name)).toEqual([
      "claim.settled",
      "connection.failing",
      "certification.failed",
    ]);
    expect(ofA.map((event) => event.seq)).toEqual([...ofA.map((event) => event.seq)].sort((x, y) => x - y));
    expect(ofA[1]).toMatchObject({
      subject: { type: "connection", id: "truescreen" },
      details: { ok: false },
    });
    expect(heard.filter((event) => event.tenantId === b.tenant.id).map((event) => event.name)).toEqual([
      "certification.completed",
    ]);

    // Nothing new: nothing heard again.
    const before = heard.length;
    await dispatchDomainEvents([consumer], only);
    expect(heard.length).toBe(before);
    await a.actor.audit("certification.completed", { type: "certification", id: crypto.randomUUID() }, {});
    await dispatchDomainEvents([consumer], only);
    expect(heard.slice(before).map((event) => [event.tenantId, event.name])).toEqual([
      [a.tenant.id, "certification.completed"],
    ]);
  });

  it("a consumer that throws commits nothing and hears the event again on the next run", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    const name = `fail-${crypto.randomBytes(3).toString("hex")}`;
    let failing = true;
    const { consumer, heard } = recorder(name, {
      failOn: (event) => failing && event.name === "batch.finished",
    });
    await actor.audit("claim.claimed", { type: "claim", id: crypto.randomUUID() }, {});
    await actor.audit(
      "claims.batch_completed",
      { type: "claim_batch", id: crypto.randomUUID() },
      { rows: 2 },
    );

    await expect(dispatchDomainEvents([consumer], { tenantIds: [tenant.id] })).rejects.toThrow(
      /could not handle batch.finished/,
    );
    // The page rolled back as a whole: neither the row of the event before it nor the cursor moved.
    expect(await rowsOf(tenant.id, name)).toBe(0);
    expect(await systemDb.eventCursor.count({ where: { tenantId: tenant.id, consumer: name } })).toBe(0);

    failing = false;
    heard.length = 0;
    await dispatchDomainEvents([consumer], { tenantIds: [tenant.id] });
    expect(heard.map((event) => event.name)).toEqual(["claim.settled", "batch.finished"]);
    expect(await rowsOf(tenant.id, name)).toBe(2);
  });

  it("two dispatchers racing hand each event over once", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    const name = `race-${crypto.randomBytes(3).toString("hex")}`;
    const { consumer } = recorder(name);
    await actor.auditMany(
      Array.from({ length: 700 }, () => ({
        action: "claim.claimed",
        target: { type: "claim", id: crypto.randomUUID() },
        details: {},
      })),
    );
    await Promise.all([
      dispatchDomainEvents([consumer], { tenantIds: [tenant.id] }),
      dispatchDomainEvents([consumer], { tenantIds: [tenant.id] }),
    ]);
    await dispatchDomainEvents([consumer], { tenantIds: [tenant.id] });
    expect(await rowsOf(tenant.id, name)).toBe(700);
    const cursor = await systemDb.eventCursor.findFirst({ where: { tenantId: tenant.id, consumer: name } });
    const head = await systemDb.auditEntry.aggregate({ where: { tenantId: tenant.id }, _max: { seq: true } });
    expect(cursor?.seq).toBe(head._max.seq);
  });

  it("a finished batch is one audit entry with its outcomes, however many workers find it finished", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    const batch = await systemDb.claimBatch.create({
      data: { tenantId: tenant.id, fileName: "leads.csv", totalRows: 3, acceptedRows: 3, concurrency: 2 },
    });
    const row = (status: "claimed" | "failed" | "sending") => ({
      tenantId: tenant.id,
      batchId: batch.id,
      certId: crypto.randomBytes(20).toString("hex"),
      certUrl: "https://cert.trustedform.com/x",
      status,
    });
    await systemDb.claim.createMany({ data: [row("claimed"), row("claimed"), row("sending")] });
    expect(await completeClaimBatch(actor, batch.id)).toBe(false);
    await systemDb.claim.updateMany({
      where: { batchId: batch.id, status: "sending" },
      data: { status: "failed" },
    });
    const runs = await Promise.all([
      completeClaimBatch(actor, batch.id),
      completeClaimBatch(actor, batch.id),
    ]);
    expect(runs).toEqual([true, true]);
    const entries = await systemDb.auditEntry.findMany({
      where: { tenantId: tenant.id, action: "claims.batch_completed" },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      targetId: batch.id,
      details: { rows: 3, claimed: 2, failed: 1, unknown: 0 },
    });
  });
});
