import type { Environment } from "@/lib/core/services";
import { connectionEnvironment } from "./connection-environment";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { masterKeys } from "@/lib/secrets/master-keys";
import { sealSecret } from "@/lib/secrets/seal";
import { hintPurpose, serviceOfPurpose, type SecretPurpose } from "@/lib/secrets/tenant-secret";

/** Seals and saves a key for one environment (the connection's current one when none is named), audited. */
export async function saveTenantSecret(
  context: TenantContext,
  purpose: SecretPurpose,
  plaintext: string,
  environment?: Environment,
): Promise<{ replaced: boolean; environment: Environment }> {
  const member = memberOf(context.actor);
  const env = environment ?? (await connectionEnvironment(context, serviceOfPurpose(purpose)));
  const keys = masterKeys();
  const sealContext = { tenantId: context.tenantId, purpose, environment: env };
  const { sealed, keyId } = sealSecret(keys, sealContext, plaintext);
  const hint = sealSecret(keys, { ...sealContext, purpose: hintPurpose(purpose) }, plaintext.slice(-4));
  return context.transaction(async (tx) => {
    const existing = await tx.db.tenantSecret.findFirst({
      where: { purpose, environment: env },
      select: { id: true },
    });
    const data = {
      sealed,
      hintSealed: hint.sealed,
      keyId,
      setById: member.userId,
      setByEmail: member.email,
      setAt: new Date(),
    };
    if (existing) await tx.db.tenantSecret.update({ where: { id: existing.id }, data });
    else await tx.db.tenantSecret.create({ data: { ...data, purpose, environment: env } });
    await tx.audit(
      existing ? "secret.replaced" : "secret.set",
      { type: "secret", id: purpose },
      { purpose, environment: env },
    );
    return { replaced: Boolean(existing), environment: env };
  });
}
