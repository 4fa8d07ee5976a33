// A tenant's secrets in the database: sealed on the way in, opened only inside the server call that uses them.
// Neither the secret nor a piece of it is ever returned, logged or audited; only its last four characters, for
// display, which are stored sealed too.
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { systemDb } from "@/lib/db/client";
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";
import { masterKeys } from "./master-keys";
import { openSecret, sealSecret } from "./seal";

export const SECRET_PURPOSES = [
  "truescreen.api_key",
  "truescreen.webhook_secret",
  "trustedform.api_key",
] as const;
export type SecretPurpose = (typeof SECRET_PURPOSES)[number];

export interface SecretDescription {
  purpose: SecretPurpose;
  last4: string;
  setByEmail: string | null;
  setAt: Date;
}

const hintPurpose = (purpose: string) => `${purpose}#hint`;

export async function saveTenantSecret(
  actor: MemberActor,
  purpose: SecretPurpose,
  plaintext: string,
): Promise<{ replaced: boolean }> {
  const keys = masterKeys();
  const context = { tenantId: actor.tenantId, purpose };
  const { sealed, keyId } = sealSecret(keys, context, plaintext);
  const hint = sealSecret(
    keys,
    { tenantId: actor.tenantId, purpose: hintPurpose(purpose) },
    plaintext.slice(-4),
  );
  return tenantDb(actor).$transaction(async (tx) => {
    const existing = await tx.tenantSecret.findFirst({ where: { purpose }, select: { id: true } });
    const data = {
      sealed,
      hintSealed: hint.sealed,
      keyId,
      setById: actor.actorId,
      setByEmail: actor.actorEmail,
      setAt: new Date(),
    };
    if (existing) await tx.tenantSecret.update({ where: { id: existing.id }, data });
    else await tx.tenantSecret.create({ data: { ...data, purpose } as never });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: existing ? "secret.replaced" : "secret.set",
        targetType: "secret",
        targetId: purpose,
        details: { purpose },
      },
      tx,
    );
    return { replaced: Boolean(existing) };
  });
}

export async function removeTenantSecret(actor: MemberActor, purpose: SecretPurpose): Promise<boolean> {
  return tenantDb(actor).$transaction(async (tx) => {
    const removed = await tx.tenantSecret.deleteMany({ where: { purpose } });
    if (removed.count === 0) return false;
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "secret.removed",
        targetType: "secret",
        targetId: purpose,
        details: { purpose },
      },
      tx,
    );
    return true;
  });
}

/** Who set each secret, when, and its last four characters. */
export async function describeTenantSecrets(scope: TenantScope): Promise<SecretDescription[]> {
  const rows = await tenantDb(scope).tenantSecret.findMany({ orderBy: { purpose: "asc" } });
  const keys = masterKeys();
  return rows.map((row) => ({
    purpose: row.purpose as SecretPurpose,
    last4: openSecret(keys, { tenantId: scope.tenantId, purpose: hintPurpose(row.purpose) }, row.hintSealed),
    setByEmail: row.setByEmail,
    setAt: row.setAt,
  }));
}

/** Opens a secret for the length of one call that needs it; null when the tenant has not set it. */
export async function withTenantSecret<T>(
  scope: TenantScope,
  purpose: SecretPurpose,
  run: (secret: string | null) => Promise<T>,
): Promise<T> {
  const row = await tenantDb(scope).tenantSecret.findFirst({ where: { purpose } });
  const secret = row ? openSecret(masterKeys(), { tenantId: scope.tenantId, purpose }, row.sealed) : null;
  return run(secret);
}

export interface RotationReport {
  checked: number;
  resealed: number;
  alreadyCurrent: number;
  failed: Array<{ id: string; reason: string }>;
}

/**
 * Re-seals every secret (and its hint) under the current master key. Resumable: rows already under the current key
 * are skipped, and each row is updated only if nobody changed it meanwhile. Runs across all tenants for the
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
  report.alreadyCurrent = await systemDb.tenantSecret.count({ where: { keyId: current, ...tenantFilter } });
  let afterId: string | undefined;
  for (;;) {
    const rows = await systemDb.tenantSecret.findMany({
      where: { keyId: { not: current }, ...tenantFilter, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      report.checked += 1;
      try {
        const secret = openSecret(keys, { tenantId: row.tenantId, purpose: row.purpose }, row.sealed);
        const hint = openSecret(
          keys,
          { tenantId: row.tenantId, purpose: hintPurpose(row.purpose) },
          row.hintSealed,
        );
        const sealed = sealSecret(keys, { tenantId: row.tenantId, purpose: row.purpose }, secret);
        const hintSealed = sealSecret(
          keys,
          { tenantId: row.tenantId, purpose: hintPurpose(row.purpose) },
          hint,
        ).sealed;
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
  report.checked += report.alreadyCurrent;
  return report;
}
