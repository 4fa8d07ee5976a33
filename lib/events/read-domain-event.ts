// Which audit entries are domain events, and which: the mapping from the audit chain's actions to the events notices
// and webhooks hear about. An entry that is none is skipped (the cursor still moves past it).
import type { DomainEvent, DomainEventName } from "./domain-event";

export interface AuditEntryRow {
  tenantId: string;
  seq: number;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  actorEmail: string | null;
  createdAt: Date;
}

const NAME_OF_ACTION: Record<string, DomainEventName> = {
  // A claim's outcome, whichever way it was reached: a claim, a batch row, a recheck, an unknown resolved by hand.
  "claim.claimed": "claim.settled",
  "claim.failed": "claim.settled",
  "claim.unknown": "claim.settled",
  "claims.batch_completed": "batch.finished",
  "certification.completed": "certification.completed",
  // Failed at TrueScreen, refused at creation, or an outcome Certdesk could not learn: each needs a person.
  "certification.failed": "certification.failed",
  "certification.refused": "certification.failed",
  "certification.outcome_unknown": "certification.failed",
};

function detailsOf(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function readDomainEvent(entry: AuditEntryRow): DomainEvent | null {
  const details = detailsOf(entry.details);
  const name =
    entry.action === "connection.tested"
      ? details.ok === false
        ? "connection.failing"
        : null
      : NAME_OF_ACTION[entry.action];
  if (!name) return null;
  return {
    tenantId: entry.tenantId,
    seq: entry.seq,
    name,
    action: entry.action,
    subject: { type: entry.targetType ?? "tenant", id: entry.targetId },
    at: entry.createdAt,
    details,
    actorEmail: entry.actorEmail,
  };
}
