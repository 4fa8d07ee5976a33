// A tenant admin receives the link of every invitation they make, and the first person to set a password for a
// brand-new address owns that account (docs/security.md). For an ordinary address that gains the admin only their own
// tenant; for an address in CERTDESK_OPERATOR_EMAILS whose operator has no account yet, it would make the admin a
// deployment operator (every tenant and its owners, creating tenants). Only the deployment (its shell) may give an
// operator address its first password; a tenant's invitation to it can only be accepted by signing in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reloadConfig } from "@/lib/config";
import { systemDb } from "@/lib/db/client";
import { acceptInvitationWithPassword } from "@/lib/invitations/accept-invitation-with-password";
import { inviteMember } from "@/lib/invitations/invite-member";
import { openInvitation } from "@/lib/invitations/open-invitation";
import { createTenantWithOwner as createTenant } from "@/lib/tenants/create-tenant-with-owner";
import { addUserToTenant, createTenantWithOwner, uniqueEmail } from "@/scripts/test/factories";
import { isOperator } from "./is-operator";

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
let operatorEmail: string;

beforeEach(() => {
  operatorEmail = uniqueEmail("ops");
  process.env.CERTDESK_OPERATOR_EMAILS = operatorEmail.toUpperCase();
  reloadConfig();
});

afterEach(() => {
  delete process.env.CERTDESK_OPERATOR_EMAILS;
  reloadConfig();
});

describe("an invitation to an operator's address", () => {
  it("does not let the tenant admin who made it set the operator account's first password", async () => {
    const { tenant } = await createTenantWithOwner();
    const { actor: admin } = await addUserToTenant(tenant.id, "admin");
    const invited = await inviteMember(admin, { email: ` ${operatorEmail.toUpperCase()} `, role: "viewer" });
    const token = tokenOf(invited.inviteUrl);
    expect((await openInvitation(token, null)).mode).toBe("sign_in");
    await expect(
      acceptInvitationWithPassword({ token, password: "the admin's chosen password", ip: null }),
    ).rejects.toThrow();
    const account = await systemDb.user.findUnique({ where: { email: operatorEmail } });
    expect(account?.passwordHash ?? null).toBeNull();
    expect(isOperator(account?.email)).toBe(true);
  });

  it("still lets an ordinary invited address set its first password", async () => {
    const { tenant } = await createTenantWithOwner();
    const { actor: admin } = await addUserToTenant(tenant.id, "admin");
    const invited = await inviteMember(admin, { email: uniqueEmail("person"), role: "viewer" });
    const token = tokenOf(invited.inviteUrl);
    expect((await openInvitation(token, null)).mode).toBe("set_password");
  });

  it("lets the deployment's shell give an operator address its first password", async () => {
    const created = await createTenant(
      { kind: "shell" },
      { name: `Ops ${operatorEmail}`, ownerEmail: operatorEmail },
    );
    if (created.owner !== "invited") throw new Error("expected an invitation");
    const token = tokenOf(created.inviteUrl);
    expect((await openInvitation(token, null)).mode).toBe("set_password");
    await expect(
      acceptInvitationWithPassword({ token, password: "the operator's own password", ip: null }),
    ).resolves.toMatchObject({ email: operatorEmail });
  });
});
