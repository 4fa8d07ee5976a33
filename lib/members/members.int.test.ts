import { memberOf } from "@/lib/core/actor";
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/client";
import { tenantDb } from "@/lib/db/tenant-scope";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { addUserToTenant, createTenantWithOwner } from "@/scripts/test/factories";
import { changeMemberRole } from "./change-member-role";
import { getMember } from "./get-member";
import { listMembers } from "./list-members";
import { removeMember } from "./remove-member";

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
    const firstMembership = (await listMembers(first)).find(
      (m) => m.userId === memberOf(first.actor).userId,
    )!;
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

  it("removes a member, withdraws a new invitation of theirs, and audits it", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const { membership, user } = await addUserToTenant(tenant.id, "viewer");
    // An invitation of this tenant for the same address, still open when the member is removed.
    const invitation = await systemDb.invitation.create({
      data: {
        tenantId: tenant.id,
        email: user.email,
        role: "admin",
        tokenHash: "h-" + membership.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    await removeMember(actor, membership.id);
    expect(await getMember(actor, membership.id)).toBeNull();
    expect(
      (await systemDb.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt,
    ).not.toBeNull();
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
      // @ts-expect-error the scoped client's type refuses a tenantId; at run time a hostile one is overwritten too
      data: { tenantId: b.tenant.id, userId: bMember.userId, role: "viewer" },
    });
    expect(created.tenantId).toBe(a.tenant.id);
    await expect(db.user.findMany()).rejects.toThrow(/not tenant data/);
    await expect(db.tenant.findMany()).resolves.toEqual([expect.objectContaining({ id: a.tenant.id })]);
  });
});
