// Invitations, from the inviting admin's side and from an attacker's: an admin of one tenant must never obtain a
// credential for an account that exists, or will exist, through another tenant.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { systemDb } from "@/lib/db/client";
import { listMembers } from "@/lib/members/list-members";
import { listUserMemberships } from "@/lib/tenants/list-user-memberships";
import { addUserToTenant, createTenantWithOwner, createUser, uniqueEmail } from "@/scripts/test/factories";
import { acceptInvitationAsUser } from "./accept-invitation-as-user";
import { acceptInvitationWithPassword } from "./accept-invitation-with-password";
import { inviteMember } from "./invite-member";
import { listInvitations } from "./list-invitations";
import { openInvitation } from "./open-invitation";
import { renewInvitationLink } from "./renew-invitation-link";
import { revokeInvitation } from "./revoke-invitation";

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
const PASSWORD = "a strong new password";

describe("inviting a new person", () => {
  it("grants nothing until accepted, stores only the token's hash, and audits", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const email = uniqueEmail("new");
    const invited = await inviteMember(actor, { email: email.toUpperCase(), role: "viewer" });
    expect(invited).toMatchObject({ email, role: "viewer" });
    expect(invited.inviteUrl).toMatch(/\/invite\?token=[\w-]{43}$/);
    const token = tokenOf(invited.inviteUrl);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const dump = JSON.stringify((await client.query('select * from "Invitation"')).rows);
    await client.end();
    expect(dump).not.toContain(token);
    expect((await listMembers(actor)).map((m) => m.email)).not.toContain(email);
    expect((await listInvitations(actor)).map((i) => [i.email, i.role])).toContainEqual([email, "viewer"]);
    const entry = await systemDb.auditEntry.findFirst({
      where: { tenantId: tenant.id, action: "member.invited" },
    });
    expect(entry?.details).toEqual({ email, role: "viewer" });
  });

  it("lets the link set the first password once; then the person is a member and signs in", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const email = uniqueEmail("linked");
    const { inviteUrl } = await inviteMember(actor, { email, role: "reviewer" });
    const token = tokenOf(inviteUrl);
    expect((await openInvitation(token, null)).mode).toBe("set_password");
    await expect(acceptInvitationWithPassword({ token, password: "short", ip: null })).rejects.toThrow(
      /at least 12/,
    );
    expect(await acceptInvitationWithPassword({ token, password: PASSWORD, ip: null })).toMatchObject({
      email,
    });
    await expect(
      acceptInvitationWithPassword({ token, password: "another password!!", ip: null }),
    ).rejects.toThrow(/not valid any more/);
    expect((await signInWithPassword({ email, password: PASSWORD, ip: null })).ok).toBe(true);
    expect((await listMembers(actor)).find((m) => m.email === email)?.role).toBe("reviewer");
    expect(await listInvitations(actor)).toEqual([]);
    expect(await verifyAuditChain(tenant.id)).toMatchObject({ intact: true });
  });

  it("lets only one of two simultaneous uses of a link win", async () => {
    const { actor } = await createTenantWithOwner();
    const { inviteUrl } = await inviteMember(actor, { email: uniqueEmail("race"), role: "viewer" });
    const token = tokenOf(inviteUrl);
    const results = await Promise.allSettled([
      acceptInvitationWithPassword({ token, password: "first password 123", ip: null }),
      acceptInvitationWithPassword({ token, password: "second password 123", ip: null }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("voids the older link when a new one is made, and a withdrawn link stops at once", async () => {
    const { actor } = await createTenantWithOwner();
    const invited = await inviteMember(actor, { email: uniqueEmail("renew"), role: "viewer" });
    const fresh = await renewInvitationLink(actor, invited.invitationId);
    await expect(
      acceptInvitationWithPassword({ token: tokenOf(invited.inviteUrl), password: PASSWORD, ip: null }),
    ).rejects.toThrow(/not valid/);
    await revokeInvitation(actor, invited.invitationId);
    await expect(
      acceptInvitationWithPassword({ token: tokenOf(fresh.inviteUrl), password: PASSWORD, ip: null }),
    ).rejects.toThrow(/not valid/);
  });

  it("refuses an expired link", async () => {
    const { actor } = await createTenantWithOwner();
    const invited = await inviteMember(actor, { email: uniqueEmail("late"), role: "viewer" });
    await systemDb.invitation.update({
      where: { id: invited.invitationId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(
      acceptInvitationWithPassword({ token: tokenOf(invited.inviteUrl), password: PASSWORD, ip: null }),
    ).rejects.toThrow(/not valid/);
  });

  it("does not let an admin invite an owner, nor anyone invite a member twice", async () => {
    const { tenant, owner } = await createTenantWithOwner();
    const { actor: admin } = await addUserToTenant(tenant.id, "admin");
    await expect(inviteMember(admin, { email: uniqueEmail(), role: "owner" })).rejects.toThrow(
      /cannot invite a member as owner/,
    );
    await expect(inviteMember(admin, { email: owner.email, role: "viewer" })).rejects.toThrow(
      /already a member/,
    );
  });
});

describe("the cross-tenant takeover (attacker: an admin of tenant A)", () => {
  it("fails at every step when the victim was invited to B and has not set a password yet", async () => {
    const a = await createTenantWithOwner("Tenant A");
    const b = await createTenantWithOwner("Tenant B");
    const victim = uniqueEmail("victim");
    const bInvite = await inviteMember(b.actor, { email: victim, role: "admin" });

    // The attacker adds the victim to A: the answer has the same shape as for an unknown address...
    const aInvite = await inviteMember(a.actor, { email: victim, role: "viewer" });
    const control = await inviteMember(a.actor, { email: uniqueEmail("unknown"), role: "viewer" });
    expect(Object.keys(aInvite).sort()).toEqual(Object.keys(control).sort());
    expect(aInvite.inviteUrl).toMatch(/\/invite\?token=[\w-]{43}$/);

    // ...but A's link is no credential for the victim's account: it cannot set a password.
    const aToken = tokenOf(aInvite.inviteUrl);
    expect((await openInvitation(aToken, null)).mode).toBe("sign_in");
    await expect(
      acceptInvitationWithPassword({ token: aToken, password: PASSWORD, ip: null }),
    ).rejects.toThrow(/already exists/);
    // Nor can the attacker accept it as themselves.
    await expect(acceptInvitationAsUser({ token: aToken, userId: a.owner.id, ip: null })).rejects.toThrow(
      /This invitation is for/,
    );
    // No password was set, so nobody can sign in as the victim, and the victim is in no tenant.
    expect((await signInWithPassword({ email: victim, password: PASSWORD, ip: null })).ok).toBe(false);
    const account = await systemDb.user.findUniqueOrThrow({ where: { email: victim } });
    expect(account.passwordHash).toBeNull();
    expect(await listUserMemberships(account.id)).toEqual([]);

    // B's own invitation still works, and only for B.
    const bToken = tokenOf(bInvite.inviteUrl);
    expect((await openInvitation(bToken, null)).mode).toBe("set_password");
    await acceptInvitationWithPassword({ token: bToken, password: PASSWORD, ip: null });
    expect((await listUserMemberships(account.id)).map((m) => m.tenantId)).toEqual([b.tenant.id]);

    // Later the victim, signed in with their own password, may accept A's invitation themselves.
    expect((await openInvitation(aToken, account.id)).mode).toBe("accept");
    await acceptInvitationAsUser({ token: aToken, userId: account.id, ip: null });
    expect((await listUserMemberships(account.id)).map((m) => m.tenantId).sort()).toEqual(
      [a.tenant.id, b.tenant.id].sort(),
    );
  });

  it("gets no credential for an SSO-only account or an account of another tenant", async () => {
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    const ssoOnly = await createUser({ password: null });
    const { user: bMember } = await addUserToTenant(b.tenant.id, "viewer", { password: null });
    for (const target of [ssoOnly, bMember, b.owner]) {
      const { inviteUrl } = await inviteMember(a.actor, { email: target.email, role: "viewer" });
      const token = tokenOf(inviteUrl);
      expect((await openInvitation(token, null)).mode).toBe("sign_in");
      await expect(acceptInvitationWithPassword({ token, password: PASSWORD, ip: null })).rejects.toThrow(
        /already exists/,
      );
      const after = await systemDb.user.findUniqueOrThrow({ where: { id: target.id } });
      expect(after.passwordHash).toBe(target.passwordHash);
    }
  });

  it("cannot reuse the account its own invitation created once that account joined another tenant", async () => {
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    const email = uniqueEmail("moved");
    const aInvite = await inviteMember(a.actor, { email, role: "viewer" });
    // B invites the same person; the account was created by A's invitation, so B's link must be signed in to.
    const bInvite = await inviteMember(b.actor, { email, role: "viewer" });
    expect((await openInvitation(tokenOf(bInvite.inviteUrl), null)).mode).toBe("sign_in");
    // A membership elsewhere (e.g. added by an operator) turns A's link into "sign in" as well.
    const account = await systemDb.user.findUniqueOrThrow({ where: { email } });
    await systemDb.membership.create({ data: { tenantId: b.tenant.id, userId: account.id, role: "viewer" } });
    await expect(
      acceptInvitationWithPassword({ token: tokenOf(aInvite.inviteUrl), password: PASSWORD, ip: null }),
    ).rejects.toThrow(/already exists/);
  });

  it("treats another tenant's invitation ids like missing ones", async () => {
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    const bInvite = await inviteMember(b.actor, { email: uniqueEmail(), role: "viewer" });
    await expect(revokeInvitation(a.actor, bInvite.invitationId)).rejects.toThrow(/not found/);
    await expect(renewInvitationLink(a.actor, bInvite.invitationId)).rejects.toThrow(/not found/);
    await expect(revokeInvitation(a.actor, "not-a-uuid")).rejects.toThrow(/not found/);
    expect((await openInvitation(tokenOf(bInvite.inviteUrl), null)).mode).toBe("set_password");
  });
});
