// Builds a TenantContext. Only the gates call this (lint fences it like the unscoped client): the member gate of
// pages, server actions and route handlers (app/_auth), the workers per job from the job's tenant (lib/jobs), and the
// TrueScreen webhook receiver (lib/jobs/receive-truescreen-webhook.ts) from the tenant its verified URL names, and the
// API token gate (app/_auth/with-api-token.ts) from the tenant a live token belongs to.
import {
  appendAuditEntriesInTransaction,
  appendAuditEntry,
  type AuditTransaction,
} from "@/lib/audit/append-audit-entry";
import { auditActor, type Actor } from "@/lib/core/actor";
import type { AuditTarget, TenantContext } from "@/lib/core/tenant-context";
import { bindLogTenant } from "@/lib/log/log-context";
import { tenantDb, type TenantDb, type TenantQueries } from "@/lib/db/tenant-scope";

export function openTenantContext(tenantId: string, actor: Actor): TenantContext {
  // The rest of this request's (or job's) log lines name the tenant.
  bindLogTenant(tenantId);
  const root = tenantDb({ tenantId });
  const audit = (db: AuditTransaction) => (action: string, target: AuditTarget | null, details?: object) =>
    appendAuditEntry(
      {
        tenantId,
        ...auditActor(actor),
        action,
        targetType: target?.type ?? null,
        targetId: target?.id ?? null,
        details: details as Record<string, unknown> | undefined,
      },
      db,
    ).then(() => undefined);

  const auditMany =
    (db: AuditTransaction) =>
    (entries: Array<{ action: string; target: AuditTarget | null; details?: Record<string, unknown> }>) =>
      appendAuditEntriesInTransaction(
        db,
        tenantId,
        entries.map(({ action, target, details }) => ({
          ...auditActor(actor),
          action,
          targetType: target?.type ?? null,
          targetId: target?.id ?? null,
          details,
        })),
      );

  const inside = (tx: TenantQueries): TenantContext => {
    const context: TenantContext = {
      tenantId,
      actor,
      db: tx,
      audit: audit(tx),
      auditMany: auditMany(tx),
      transaction: (work) => work(context),
    };
    return context;
  };

  return {
    tenantId,
    actor,
    db: root,
    audit: (action, target, details) => root.$transaction((tx) => audit(tx)(action, target, details)),
    auditMany: (entries) => root.$transaction((tx) => auditMany(tx)(entries)),
    transaction: (work, options) => root.$transaction((tx) => work(inside(tx)), options),
  };
}

export type { TenantDb };
