import type { TenantContext } from "@/lib/core/tenant-context";
import { masterKeys } from "./master-keys";
import { openSecret } from "./seal";
import { hintPurpose, type SecretDescription, type SecretPurpose } from "./tenant-secret";

/** Who set each secret for which environment, when, and its last four characters. */
export async function describeTenantSecrets(context: TenantContext): Promise<SecretDescription[]> {
  const rows = await context.db.tenantSecret.findMany({
    orderBy: [{ purpose: "asc" }, { environment: "asc" }],
  });
  const keys = masterKeys();
  return rows.map((row) => ({
    purpose: row.purpose as SecretPurpose,
    environment: row.environment,
    last4: openSecret(
      keys,
      { tenantId: context.tenantId, purpose: hintPurpose(row.purpose), environment: row.environment },
      row.hintSealed,
    ),
    setByEmail: row.setByEmail,
    setAt: row.setAt,
  }));
}
