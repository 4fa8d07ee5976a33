// Hands new domain events to their consumers: for each consumer, the tenants whose audit chain has entries past the
// consumer's cursor, then per tenant a page of entries at a time, in one transaction with the cursor's move. A
// consumer's writes and its cursor commit together, so an event is handled once; two dispatchers racing on the same
// page cannot both commit (the cursor only moves from the value it was read at).
import { systemDb } from "@/lib/db/client";
import type { EventConsumer } from "@/lib/events/domain-event";
import { EVENT_CONSUMERS } from "@/lib/events/event-consumers";
import { readDomainEvent } from "@/lib/events/read-domain-event";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

const PAGE = 500;
/** Pages per tenant per run: a tenant with a huge backlog does not hold the others back for long. */
const PAGES_PER_TENANT = 20;

class CursorMoved extends Error {}

export interface DispatchRun {
  /** Events handed to consumers (per consumer: an event heard by two consumers counts twice). */
  events: number;
  /** Audit entries read past, events or not. */
  entries: number;
}

export async function dispatchDomainEvents(
  consumers: readonly EventConsumer[] = EVENT_CONSUMERS,
  options: { tenantIds?: readonly string[] } = {},
): Promise<DispatchRun> {
  const run: DispatchRun = { events: 0, entries: 0 };
  for (const consumer of consumers) {
    const behind = await systemDb.$queryRaw<Array<{ tenantId: string; seq: number }>>`
      select t.id as "tenantId", coalesce(c.seq, 0)::int as seq
      from "Tenant" t
      left join "EventCursor" c on c."tenantId" = t.id and c.consumer = ${consumer.name}
      where exists (select 1 from "AuditEntry" a where a."tenantId" = t.id and a.seq > coalesce(c.seq, 0))`;
    for (const tenant of behind) {
      // Tests confine a run to their own tenants (the test database holds every test file's tenants).
      if (options.tenantIds && !options.tenantIds.includes(tenant.tenantId)) continue;
      await dispatchTenant(consumer, tenant.tenantId, tenant.seq, run);
    }
  }
  return run;
}

async function dispatchTenant(consumer: EventConsumer, tenantId: string, from: number, run: DispatchRun) {
  const context = openTenantContext(tenantId, { kind: "system", name: `events:${consumer.name}` });
  let cursor = from;
  for (let page = 0; page < PAGES_PER_TENANT; page++) {
    try {
      const read = await context.transaction(
        async (tx) => {
          const entries = await tx.db.auditEntry.findMany({
            where: { seq: { gt: cursor } },
            orderBy: { seq: "asc" },
            take: PAGE,
            select: {
              tenantId: true,
              seq: true,
              action: true,
              targetType: true,
              targetId: true,
              details: true,
              actorEmail: true,
              createdAt: true,
            },
          });
          if (!entries.length) return null;
          let events = 0;
          for (const entry of entries) {
            const event = readDomainEvent({ ...entry, tenantId });
            if (!event) continue;
            await consumer.handle(tx, event);
            events++;
          }
          const last = entries[entries.length - 1]?.seq ?? cursor;
          const moved = await tx.db.eventCursor.updateMany({
            where: { consumer: consumer.name, seq: cursor },
            data: { seq: last },
          });
          if (moved.count === 0) {
            // No cursor yet (a tenant newer than the consumer: it starts at 0) or another dispatcher moved it.
            const existing = await tx.db.eventCursor.findFirst({ where: { consumer: consumer.name } });
            if (existing || cursor !== 0) throw new CursorMoved();
            await tx.db.eventCursor.create({ data: { consumer: consumer.name, seq: last } });
          }
          return { last, entries: entries.length, events };
        },
        { timeout: 60_000 },
      );
      if (!read) return;
      cursor = read.last;
      run.entries += read.entries;
      run.events += read.events;
      if (read.entries < PAGE) return;
    } catch (error) {
      // Another dispatcher has this page (its cursor row create or move won): leave the tenant to it.
      if (error instanceof CursorMoved || isUniqueViolation(error)) return;
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
