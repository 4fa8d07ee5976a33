// What happened in a tenant that someone outside the moment may want to hear about: a reviewer's bell and email
// (notices), a tenant's webhook endpoints. Events are not written separately: they are read off the tenant's audit
// chain, which every change already appends to in its own transaction (so an event exists exactly when its change
// committed, in the chain's order, with no extra write on the hot paths). lib/events/dispatch-domain-events.ts tails
// each chain per consumer and hands each event to the consumers in lib/events/event-consumers.ts.
import type { TenantContext } from "@/lib/core/tenant-context";

export const DOMAIN_EVENT_NAMES = [
  "claim.settled",
  "batch.finished",
  "certification.completed",
  "certification.failed",
  "connection.failing",
] as const;

export type DomainEventName = (typeof DOMAIN_EVENT_NAMES)[number];

export interface DomainEvent {
  readonly tenantId: string;
  /** The audit entry's position in the tenant's chain: unique per tenant, so consumers key their rows on it. */
  readonly seq: number;
  readonly name: DomainEventName;
  /** The audit action it was read from ("claim.claimed", "certification.refused", …). */
  readonly action: string;
  readonly subject: { type: string; id: string | null };
  readonly at: Date;
  /** The audit entry's details, as written. */
  readonly details: Record<string, unknown>;
  /** Who acted, as the audit entry names them (a member's email; null for Certdesk itself). */
  readonly actorEmail: string | null;
}

/**
 * One consumer of domain events. `handle` runs inside the transaction that advances the consumer's cursor, with a
 * system context of the event's tenant: what it writes commits exactly once with the cursor; it must not call
 * outside services (enqueue a job for that). An event it does not care about is ignored.
 */
export interface EventConsumer {
  /** Stable: the cursor is kept under this name. */
  readonly name: string;
  handle(ctx: TenantContext, event: DomainEvent): Promise<void>;
}
