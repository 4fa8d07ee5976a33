// Small helpers that seed users and tenants straight through lib/, for integration and browser tests.
import crypto from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import { hashPassword } from "@/lib/auth/password";
import { systemDb } from "@/lib/db/client";
import { createTenant } from "@/lib/tenants/create-tenant";
import type { TenantContext } from "@/lib/core/tenant-context";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";

export const TEST_PASSWORD = "correct horse battery staple";

export function uniqueEmail(label = "user"): string {
  return `${label}-${crypto.randomBytes(5).toString("hex")}@example.test`;
}

export async function createUser(options: { email?: string; password?: string | null } = {}) {
  const password = options.password === undefined ? TEST_PASSWORD : options.password;
  return systemDb.user.create({
    data: {
      email: options.email ?? uniqueEmail(),
      passwordHash: password ? await hashPassword(password) : null,
    },
  });
}

/** A member acting in a tenant, as the member gate hands it to lib/ verbs. */
export function memberContext(
  tenantId: string,
  user: { id: string; email: string },
  role: Role,
): TenantContext {
  return openTenantContext(tenantId, { kind: "member", userId: user.id, email: user.email, role });
}

/** A tenant with an owner; returns the owner's context for lib calls. */
export async function createTenantWithOwner(name = `Tenant ${crypto.randomBytes(3).toString("hex")}`) {
  const owner = await createUser({ email: uniqueEmail("owner") });
  const tenant = await createTenant({ name, ownerUserId: owner.id, ownerEmail: owner.email });
  const actor = memberContext(tenant.id, owner, "owner");
  return { tenant, owner, actor };
}

export async function addUserToTenant(
  tenantId: string,
  role: Role,
  options: { email?: string; password?: string | null } = {},
) {
  const user = await createUser(options);
  const membership = await systemDb.membership.create({ data: { tenantId, userId: user.id, role } });
  const actor = memberContext(tenantId, user, role);
  return { user, membership, actor };
}

/**
 * Sets the TrustedForm API version a tenant's claims speak. New tenants speak 4.0; tests of the 3.0 behaviour say so
 * with this.
 */
export async function setTrustedFormApi(tenantId: string, version: "3.0" | "4.0") {
  await systemDb.tenant.update({
    where: { id: tenantId },
    data: { trustedformApiVersion: version === "4.0" ? "v4_0" : "v3_0" },
  });
}
