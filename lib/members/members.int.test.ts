import crypto from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { setPasswordWithToken } from "@/lib/auth/set-password-token";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { systemDb } from "@/lib/db/client";
import { tenantDb } from "@/lib/db/tenant-scope";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { addUserToTenant, createTenantWithOwner, uniqueEmail } from "@/scripts/test/factories";
import { addMember } from "./add-member";
import { changeMemberRole } from "./change-member-role";
import { getMember } from "./get-member";
import { listMembers } from "./list-members";
import { reissueSetPasswordLink } from "./reissue-set-password-link";
import { removeMember } from "./remove-member";

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

describe("adding a member", () => {
  it("creates the membership and a one-time link whose token is stored only as a hash", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const email = uniqueEmail("new");
    const added = await addMember(actor, { email: email.toUpperCase(), role: "viewer" });
    expect(added).toMatchObject({ email, role: "viewer" });
    expect(added.setPasswordUrl).toMatch(/\/set-password\?token=[\w-]{43}$/);
    const token = tokenOf(added.setPasswordUrl!);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const dump = JSON.stringify((await client.query('select * from "PasswordSetToken"')).rows);
    await client.end();
    expect(dump).not.toContain(token);
    expect((await listMembers(actor)).map((m) => [m.email, m.role, m.hasPassword])).toContainEqual([
      email,
      "viewer",
      false,
    ]);
    const entry = await systemDb.auditEntry.findFirst({
      where: { tenantId: tenant.id, action: "member.added" },
    });
    expect(entry?.details).toEqual({ email, role: "viewer" });
  });

  it("lets the link set a password once, then the member signs in; the link cannot be used again", async () => {
    const { actor } = await createTenantWithOwner();
    const email = uniqueEmail("linked");
    const { setPasswordUrl } = await addMember(actor, { email, role: "reviewer" });
    const token = tokenOf(setPasswordUrl!);
    await expect(setPasswordWithToken({ token, password: "short", ip: null })).rejects.toThrow(/at least 12/);
    expect(await setPasswordWithToken({ token, password: "a strong new password", ip: null })).toEqual({
      email,
    });
    await expect(setPasswordWithToken({ token, password: "another password!!", ip: null })).rejects.toThrow(
      /not valid any more/,
    );
    expect((await signInWithPassword({ email, password: "a strong new password", ip: null })).ok).toBe(true);
  });

  it("voids the older link when a new one is issued", async () => {
    const { actor } = await createTenantWithOwner();
    const added = await addMember(actor, { email: uniqueEmail("reissue"), role: "viewer" });
    const fresh = await reissueSetPasswordLink(actor, added.membershipId);
    await expect(
      setPasswordWithToken({
        token: tokenOf(added.setPasswordUrl!),
        password: "a strong new password",
        ip: null,
      }),
    ).rejects.toThrow(/not valid/);
    await expect(
      setPasswordWithToken({ token: tokenOf(fresh), password: "a strong new password", ip: null }),
    ).resolves.toBeTruthy();
  });

  it("adds an existing user of another tenant without a link, and refuses a second membership", async () => {
    const other = await createTenantWithOwner();
    const { actor } = await createTenantWithOwner();
    const added = await addMember(actor, { email: other.owner.email, role: "certifier" });
    expect(added.setPasswordUrl).toBeNull();
    await expect(addMember(actor, { email: other.owner.email, role: "viewer" })).rejects.toThrow(
      /already a member/,
    );
  });

  it("does not let an admin create an owner", async () => {
    const { tenant } = await createTenantWithOwner();
    const { actor: admin } = await addUserToTenant(tenant.id, "admin");
    await expect(addMember(admin, { email: uniqueEmail(), role: "owner" })).rejects.toThrow(
      /cannot add a member as owner/,
    );
  });
});

describe("roles and removal", () => {
  it("changes a role and audits from and to", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const { membership } = await addUserToTenant(tenant.id, "viewer");
    await changeMemberRole(actor, membership.id, "certifier");
    expect((await getMember(actor, membership.id))?.role).toBe("certifier");
    const entry = await systemDb.auditEntry.findFirst({
      where: { tenantId: tenant.id, action: "member.role_changed" },
    });
    expect(entry?.details).toMatchObject({ from: "viewer", to: "certifier" });
  });

  it("never demotes or removes the last owner", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const ownerMembership = (await listMembers(actor)).find((m) => m.role === "owner")!;
    await expect(changeMemberRole(actor, ownerMembership.id, "admin")).rejects.toThrow(/last owner/);
    await expect(removeMember(actor, ownerMembership.id)).rejects.toThrow(/last owner/);
    expect((await listMembers(actor)).filter((m) => m.role === "owner")).toHaveLength(1);
    expect(await verifyAuditChain(tenant.id)).toMatchObject({ intact: true });
  });

  it("keeps an owner when two owners demote each other at the same moment", async () => {
    const { actor: first, tenant } = await createTenantWithOwner();
    const { actor: second, membership: secondMembership } = await addUserToTenant(tenant.id, "owner");
    const firstMembership = (await listMembers(first)).find((m) => m.userId === first.actorId)!;
    const results = await Promise.allSettled([
      changeMemberRole(first, secondMembership.id, "admin"),
      changeMemberRole(second, firstMembership.id, "admin"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await listMembers(first)).filter((m) => m.role === "owner")).toHaveLength(1);
  });

  it("does not let an admin touch an owner, nor a reviewer manage anyone", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const ownerMembership = (await listMembers(actor)).find((m) => m.role === "owner")!;
    const { actor: admin } = await addUserToTenant(tenant.id, "admin");
    const { actor: reviewer } = await addUserToTenant(tenant.id, "reviewer");
    const { membership: viewer } = await addUserToTenant(tenant.id, "viewer");
    await expect(removeMember(admin, ownerMembership.id)).rejects.toThrow(/Only an owner/);
    await expect(changeMemberRole(admin, ownerMembership.id, "viewer")).rejects.toThrow(/owner role/);
    await expect(changeMemberRole(reviewer, viewer.id, "admin")).rejects.toThrow(/cannot/);
  });

  it("removes a member, voids their pending link, and audits it", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const added = await addMember(actor, { email: uniqueEmail("leaving"), role: "viewer" });
    await removeMember(actor, added.membershipId);
    expect(await getMember(actor, added.membershipId)).toBeNull();
    await expect(
      setPasswordWithToken({
        token: tokenOf(added.setPasswordUrl!),
        password: "a strong new password",
        ip: null,
      }),
    ).rejects.toThrow(/not valid/);
    expect(
      await systemDb.auditEntry.count({ where: { tenantId: tenant.id, action: "member.removed" } }),
    ).toBe(1);
  });
});

describe("tenant isolation", () => {
  it("treats another tenant's ids exactly like missing ones", async () => {
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    const { membership: bMember } = await addUserToTenant(b.tenant.id, "viewer");
    expect(await getMember(a.actor, bMember.id)).toBeNull();
    expect(await getMember(a.actor, crypto.randomUUID())).toBeNull();
    expect(await getMember(a.actor, "not-a-uuid")).toBeNull();
    await expect(changeMemberRole(a.actor, bMember.id, "admin")).rejects.toThrow(
      "That member was not found in this tenant.",
    );
    await expect(removeMember(a.actor, bMember.id)).rejects.toThrow(
      "That member was not found in this tenant.",
    );
    await expect(reissueSetPasswordLink(a.actor, bMember.id)).rejects.toThrow(
      "That member was not found in this tenant.",
    );
    expect((await getMember(b.actor, bMember.id))?.role).toBe("viewer");
  });

  it("scopes every read, count, update and delete of the tenant-scoped client", async () => {
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    const { membership: bMember } = await addUserToTenant(b.tenant.id, "viewer");
    const db = tenantDb(a.actor);
    expect((await db.membership.findMany()).every((m) => m.tenantId === a.tenant.id)).toBe(true);
    expect(await db.membership.count({ where: { id: bMember.id } })).toBe(0);
    expect(
      (await db.membership.updateMany({ where: { id: bMember.id }, data: { role: "owner" } })).count,
    ).toBe(0);
    expect((await db.membership.deleteMany({ where: { id: bMember.id } })).count).toBe(0);
    expect((await db.auditEntry.findMany()).every((e) => e.tenantId === a.tenant.id)).toBe(true);
    const created = await db.membership.create({
      data: { tenantId: b.tenant.id, userId: bMember.userId, role: "viewer" },
    });
    expect(created.tenantId).toBe(a.tenant.id);
    await expect(db.user.findMany()).rejects.toThrow(/not tenant data/);
    await expect(db.tenant.findMany()).resolves.toEqual([expect.objectContaining({ id: a.tenant.id })]);
  });
});
