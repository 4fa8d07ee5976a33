// The operator's key rotation (`npm run secrets:rotate`): across every tenant, so a system module (tenancy fence).
import { systemDb } from "@/lib/db/client";
import { masterKeys } from "./master-keys";
import { LEGACY_SEAL_PREFIX, openSecret, sealSecret } from "./seal";
import { hintPurpose } from "./tenant-secret";
import { openWebhookSecret, sealWebhookSecret, webhookSecretLast4 } from "@/lib/webhooks/webhook-secret";

export interface RotationReport {
  checked: number;
  resealed: number;
  alreadyCurrent: number;
  failed: Array<{ id: string; reason: string }>;
}

/**
 * Re-seals every secret (and its hint) under the current master key, in the current format (which binds the row's
 * environment: rows sealed before that are re-sealed even when their master key is current). Resumable: rows already
 * current are skipped, and each row is updated only if nobody changed it meanwhile. Runs across all tenants for the
 * operator's `npm run secrets:rotate` (onlyTenantId narrows it, for tests that share a database).
 */
export async function resealAllSecrets(
  options: { batchSize?: number; onlyTenantId?: string } = {},
): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 200;
  const tenantFilter = options.onlyTenantId ? { tenantId: options.onlyTenantId } : {};
  const keys = masterKeys();
  const current = keys[0]!.id;
  const report: RotationReport = { checked: 0, resealed: 0, alreadyCurrent: 0, failed: [] };
  const legacy = {
    OR: [{ sealed: { startsWith: LEGACY_SEAL_PREFIX } }, { hintSealed: { startsWith: LEGACY_SEAL_PREFIX } }],
  };
  report.alreadyCurrent = await systemDb.tenantSecret.count({
    where: { keyId: current, NOT: legacy, ...tenantFilter },
  });
  let afterId: string | undefined;
  for (;;) {
    const rows = await systemDb.tenantSecret.findMany({
      where: {
        OR: [{ keyId: { not: current } }, legacy],
        ...tenantFilter,
        ...(afterId ? { id: { gt: afterId } } : {}),
      },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      report.checked += 1;
      try {
        const context = { tenantId: row.tenantId, purpose: row.purpose, environment: row.environment };
        const hintContext = { ...context, purpose: hintPurpose(row.purpose) };
        const secret = openSecret(keys, context, row.sealed);
        const hint = openSecret(keys, hintContext, row.hintSealed);
        const sealed = sealSecret(keys, context, secret);
        const hintSealed = sealSecret(keys, hintContext, hint).sealed;
        const updated = await systemDb.tenantSecret.updateMany({
          where: { id: row.id, sealed: row.sealed },
          data: { sealed: sealed.sealed, hintSealed, keyId: sealed.keyId },
        });
        if (updated.count === 1) report.resealed += 1;
      } catch (error) {
        report.failed.push({ id: row.id, reason: error instanceof Error ? error.message : "unknown error" });
      }
    }
    afterId = rows[rows.length - 1]!.id;
  }
  await resealWebhookSecrets(report, current, batchSize, tenantFilter);
  report.checked += report.alreadyCurrent;
  return report;
}

/** Outgoing webhooks' signing secrets (lib/webhooks/webhook-secret.ts), sealed the same way on their endpoint's row. */
async function resealWebhookSecrets(
  report: RotationReport,
  current: string,
  batchSize: number,
  tenantFilter: { tenantId?: string },
) {
  report.alreadyCurrent += await systemDb.webhookEndpoint.count({
    where: { secretKeyId: current, ...tenantFilter },
  });
  let afterId: string | undefined;
  for (;;) {
    const rows = await systemDb.webhookEndpoint.findMany({
      where: { secretKeyId: { not: current }, ...tenantFilter, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, tenantId: true, secretSealed: true, secretHintSealed: true },
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      report.checked += 1;
      try {
        const secret = openWebhookSecret(row.tenantId, row);
        if (webhookSecretLast4(row.tenantId, row) !== secret.slice(-4))
          throw new Error("The stored hint does not match the secret.");
        const updated = await systemDb.webhookEndpoint.updateMany({
          where: { id: row.id, secretSealed: row.secretSealed },
          data: sealWebhookSecret(row.tenantId, row.id, secret),
        });
        if (updated.count === 1) report.resealed += 1;
      } catch (error) {
        report.failed.push({ id: row.id, reason: error instanceof Error ? error.message : "unknown error" });
      }
    }
    afterId = rows[rows.length - 1]!.id;
  }
}
