// The demo tenant of the one-command start. Runs on an empty database only; the generated password is returned
// once for printing and stored nowhere in clear.
import crypto from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { systemDb } from "@/lib/db/client";
import { insertTenant } from "./create-tenant";

export const DEMO_TENANT_NAME = "Demo Compliance";
export const DEMO_OWNER_EMAIL = "admin@demo.local";

export async function seedDemoTenant(): Promise<{ email: string; password: string } | null> {
  const password = crypto.randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  // One transaction, serialised against a second start running at the same moment: all of it or none of it.
  return systemDb.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended('certdesk-seed', 0))`;
    if ((await tx.tenant.count()) > 0) return null;
    const owner = await tx.user.create({
      data: { email: DEMO_OWNER_EMAIL, name: "Demo Admin", passwordHash },
    });
    await insertTenant(tx, {
      name: DEMO_TENANT_NAME,
      actor: { id: owner.id, email: owner.email },
      owner: { userId: owner.id },
      details: { seeded: true },
    });
    return { email: owner.email, password };
  });
}
