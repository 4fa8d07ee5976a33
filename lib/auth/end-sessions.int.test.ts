// The gate's half of session versions against a real PostgreSQL: what a cookie copied before a sign-out, a role
// change or a removal finds when it is replayed (the browser half is e2e/security/sessions.spec.ts).
import { describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { removeMember } from "@/lib/members/remove-member";
import { addUserToTenant, createTenantWithOwner, createUser } from "@/scripts/test/factories";
import { endSessionsOnSignOut } from "./end-sessions-on-sign-out";
import { endUserSessions } from "./end-sessions";
import { findSessionUser } from "./find-session-user";

async function versionOf(userId: string): Promise<number> {
  return (await systemDb.user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;
}

/** The claims a cookie issued now would carry (auth-options.ts copies the version at sign-in). */
async function cookieNow(userId: string) {
  return { userId, sessionVersion: await versionOf(userId) };
}

describe("a session cookie replayed after its session was ended", () => {
  it("finds its user while current, and nothing once the user's sessions are ended", async () => {
    const user = await createUser();
    const cookie = await cookieNow(user.id);
    expect(await findSessionUser(cookie)).toEqual({ id: user.id, email: user.email, name: null });
    await systemDb.$transaction((tx) => endUserSessions(tx, user.id));
    expect(await findSessionUser(cookie)).toBeNull();
    expect(await findSessionUser(await cookieNow(user.id))).not.toBeNull();
  });

  it("refuses a cookie without a session version (issued before versions existed) and a forged user id", async () => {
    const user = await createUser();
    expect(await findSessionUser({ userId: user.id, sessionVersion: undefined })).toBeNull();
    expect(await findSessionUser({ userId: "' or 1=1 --", sessionVersion: 0 })).toBeNull();
  });

  it("is refused after sign-out; an old cookie replayed to sign-out cannot end the newer sessions", async () => {
    const user = await createUser();
    const first = await cookieNow(user.id);
    expect(await endSessionsOnSignOut(first)).toBe(true);
    expect(await findSessionUser(first)).toBeNull();
    const second = await cookieNow(user.id);
    expect(await endSessionsOnSignOut(first)).toBe(false);
    expect(await findSessionUser(second)).not.toBeNull();
  });

  it("is refused after the member's role changed, in the same transaction as the change", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const { user, membership } = await addUserToTenant(tenant.id, "admin");
    const cookie = await cookieNow(user.id);
    await changeMemberRole(actor, membership.id, "viewer");
    expect(await findSessionUser(cookie)).toBeNull();
  });

  it("keeps the sessions when the role change is refused (the bump rolls back with it)", async () => {
    const { actor, owner, tenant } = await createTenantWithOwner();
    const ownMembership = await systemDb.membership.findFirstOrThrow({
      where: { tenantId: tenant.id, userId: owner.id },
    });
    const cookie = await cookieNow(owner.id);
    await expect(changeMemberRole(actor, ownMembership.id, "admin")).rejects.toThrow(/last owner/);
    expect(await findSessionUser(cookie)).not.toBeNull();
  });

  it("is refused after the member was removed, in every tenant the account still belongs to", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const { user, membership } = await addUserToTenant(tenant.id, "reviewer");
    const other = await createTenantWithOwner();
    await systemDb.membership.create({
      data: { tenantId: other.tenant.id, userId: user.id, role: "viewer" },
    });
    const cookie = await cookieNow(user.id);
    await removeMember(actor, membership.id);
    expect(await findSessionUser(cookie)).toBeNull();
  });
});
