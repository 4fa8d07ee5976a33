// A tenant's secrets in the database: sealed on the way in, opened only inside the server call that uses them.
// Neither the secret nor a piece of it is ever returned, logged or audited; only its last four characters, for
// display, which are stored sealed too.
//
// Keys are per environment: a service has a production key and a sandbox key, and every use names the
// environment whose key it needs (the environment of the origin it is about to call), so a key saved for
// production is never sent to a sandbox. Saving or removing without naming one acts on the connection's current
// environment.
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { ensureConnection } from "@/lib/connections/ensure-connection";
import type { Environment, ServiceName } from "@/lib/connections/service-urls";
import { systemDb } from "@/lib/db/client";
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";
import { masterKeys } from "./master-keys";
import { LEGACY_SEAL_PREFIX, openSecret, sealSecret } from "./seal";

export const SECRET_PURPOSES = [
  "truescreen.api_key",
  "truescreen.webhook_secret",
  "trustedform.api_key",
] as const;
export type SecretPurpose = (typeof SECRET_PURPOSES)[number];

export interface SecretDescription {
  purpose: SecretPurpose;
  environment: Environment;
  last4: string;
  setByEmail: string | null;
  setAt: Date;
}

const hintPurpose = (purpose: string) => `${purpose}#hint`;

export function serviceOfPurpose(purpose: SecretPurpose): ServiceName {
  return purpose.startsWith("truescreen.") ? "truescreen" : "trustedform";
}

async function currentEnvironment(scope: TenantScope, purpose: SecretPurpose): Promise<Environment> {
  return (await ensureConnection(scope, serviceOfPurpose(purpose))).environment;
}

export async function saveTenantSecret(
  actor: MemberActor,
  purpose: SecretPurpose,
  plaintext: string,
  environment?: Environment,
): Promise<{ replaced: boolean; environment: Environment }> {
  const env = environment ?? (await currentEnvironment(actor, purpose));
  const keys = masterKeys();
  const context = { tenantId: actor.tenantId, purpose, environment: env };
  const { sealed, keyId } = sealSecret(keys, context, plaintext);
  const hint = sealSecret(keys, { ...context, purpose: hintPurpose(purpose) }, plaintext.slice(-4));
  return tenantDb(actor).$transaction(async (tx) => {
    const existing = await tx.tenantSecret.findFirst({
      where: { purpose, environment: env },
      select: { id: true },
    });
    const data = {
      sealed,
      hintSealed: hint.sealed,
      keyId,
      setById: actor.actorId,
      setByEmail: actor.actorEmail,
      setAt: new Date(),
    };
    if (existing) await tx.tenantSecret.update({ where: { id: existing.id }, data });
    else await tx.tenantSecret.create({ data: { ...data, purpose, environment: env } as never });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: existing ? "secret.replaced" : "secret.set",
        targetType: "secret",
        targetId: purpose,
        details: { purpose, environment: env },
      },
      tx,
    );
    return { replaced: Boolean(existing), environment: env };
  });
}

export async function removeTenantSecret(
  actor: MemberActor,
  purpose: SecretPurpose,
  environment?: Environment,
): Promise<boolean> {
  const env = environment ?? (await currentEnvironment(actor, purpose));
  return tenantDb(actor).$transaction(async (tx) => {
    const removed = await tx.tenantSecret.deleteMany({ where: { purpose, environment: env } });
    if (removed.count === 0) return false;
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "secret.removed",
        targetType: "secret",
        targetId: purpose,
        details: { purpose, environment: env },
      },
      tx,
    );
    return true;
  });
}

/** Who set each secret for which environment, when, and its last four characters. */
export async function describeTenantSecrets(scope: TenantScope): Promise<SecretDescription[]> {
  const rows = await tenantDb(scope).tenantSecret.findMany({
    orderBy: [{ purpose: "asc" }, { environment: "asc" }],
  });
  const keys = masterKeys();
  return rows.map((row) => ({
    purpose: row.purpose as SecretPurpose,
    environment: row.environment,
    last4: openSecret(
      keys,
      { tenantId: scope.tenantId, purpose: hintPurpose(row.purpose), environment: row.environment },
      row.hintSealed,
    ),
    setByEmail: row.setByEmail,
    setAt: row.setAt,
  }));
}

/** Whether a secret is saved for that environment (nothing is opened). */
export async function hasTenantSecret(
  scope: TenantScope,
  purpose: SecretPurpose,
  environment: Environment,
): Promise<boolean> {
  return (await tenantDb(scope).tenantSecret.count({ where: { purpose, environment } })) > 0;
}

/**
 * Opens the secret of one environment for the length of one call that needs it; null when the tenant has not set
 * it for that environment (the other environment's key is never a fallback).
 */
export async function withTenantSecret<T>(
  scope: TenantScope,
  purpose: SecretPurpose,
  environment: Environment,
  run: (secret: string | null) => Promise<T>,
): Promise<T> {
  const row = await tenantDb(scope).tenantSecret.findFirst({ where: { purpose, environment } });
  const secret = row
    ? openSecret(masterKeys(), { tenantId: scope.tenantId, purpose, environment }, row.sealed)
    : null;
  return run(secret);
}

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
  report.checked += report.alreadyCurrent;
  return report;
}
