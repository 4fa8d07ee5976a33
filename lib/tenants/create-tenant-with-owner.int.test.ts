// Creating tenants as an operator or from the shell: the first owner is an existing account added at once, or a new
// address invited as owner (the link is the only way in); both audited in the new tenant's chain, which stays valid.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { reloadConfig } from "@/lib/config";
import { systemDb } from "@/lib/db/client";
import { acceptInvitationWithPassword } from "@/lib/invitations/accept-invitation-with-password";
import { openInvitation } from "@/lib/invitations/open-invitation";
import { isOperator } from "@/lib/operators/is-operator";
import { createTenantWithOwner as seedTenant, createUser, uniqueEmail } from "@/scripts/test/factories";
import { createTenantWithOwner } from "./create-tenant-with-owner";
import { listAllTenants } from "./list-all-tenants";
import { listUserMemberships } from "./list-user-memberships";

const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`;
const PASSWORD = "the owner's new password";

async function operatorUser() {
  const user = await createUser({ email: uniqueEmail("operator") });
  return { kind: "operator" as const, userId: user.id, email: user.email };
}

describe("creating a tenant with its first owner", () => {
  it("invites a new address as owner: nothing is granted until the link is used, then they own it", async () => {
    const operator = await operatorUser();
    const ownerEmail = uniqueEmail("first-owner");
    const name = unique("Acme Compliance");
    const created = await createTenantWithOwner(operator, {
      name: `  ${name} `,
      ownerEmail: ownerEmail.toUpperCase(),
    });
    expect(created).toMatchObject({ tenantName: name, ownerEmail, owner: "invited" });
    if (created.owner !== "invited") throw new Error("expected an invitation");
    expect(await systemDb.membership.count({ where: { tenantId: created.tenantId } })).toBe(0);
    const token = new URL(created.inviteUrl).searchParams.get("token")!;
    const opened = await openInvitation(token, null);
    expect(opened).toMatchObject({ tenantId: created.tenantId, role: "owner", mode: "set_password" });
    await acceptInvitationWithPassword({ token, password: PASSWORD, ip: null });
    const signIn = await signInWithPassword({ email: ownerEmail, password: PASSWORD, ip: null });
    expect(signIn.ok).toBe(true);
    const owner = await systemDb.user.findUniqueOrThrow({ where: { email: ownerEmail } });
    expect(await listUserMemberships(owner.id)).toEqual([
      { tenantId: created.tenantId, tenantName: name, role: "owner" },
    ]);
    // The operator got no membership out of it.
    expect(await listUserMemberships(operator.userId)).toEqual([]);

    const entries = await systemDb.auditEntry.findMany({
      where: { tenantId: created.tenantId },
      orderBy: { seq: "asc" },
    });
    // Then the owner's sign-in.
    expect(entries.slice(0, 3).map((e) => [e.action, e.actorEmail])).toEqual([
      ["tenant.created", operator.email],
      ["member.invited", operator.email],
      ["member.joined", ownerEmail],
    ]);
    expect(entries[0]!.details).toEqual({ name, via: "operator", ownerEmail });
    expect(await verifyAuditChain(created.tenantId)).toMatchObject({ intact: true });

    const { tenants } = await listAllTenants();
    expect(tenants.find((t) => t.id === created.tenantId)).toMatchObject({
      name,
      members: 1,
      owners: [ownerEmail],
      pendingOwnerInvitations: [],
    });
  });

  it("adds an existing account as owner at once, from the shell too, without touching its password", async () => {
    const { owner: existing } = await seedTenant();
    const before = await systemDb.user.findUniqueOrThrow({ where: { id: existing.id } });
    const created = await createTenantWithOwner(
      { kind: "shell" },
      { name: unique("Second"), ownerEmail: existing.email },
    );
    expect(created).toMatchObject({ owner: "added", ownerEmail: existing.email });
    expect(JSON.stringify(created)).not.toMatch(/token|https?:/);
    expect((await listUserMemberships(existing.id)).find((m) => m.tenantId === created.tenantId)?.role).toBe(
      "owner",
    );
    const after = await systemDb.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    const entries = await systemDb.auditEntry.findMany({
      where: { tenantId: created.tenantId },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((e) => [e.action, e.actorId, (e.details as { via?: string }).via])).toEqual([
      ["tenant.created", null, "shell"],
      ["member.added", null, "shell"],
    ]);
    expect(await verifyAuditChain(created.tenantId)).toMatchObject({ intact: true });
  });

  it("refuses a taken name (any case), an empty or huge name, and a bad address, creating nothing", async () => {
    const operator = await operatorUser();
    const name = unique("Taken Name");
    await createTenantWithOwner(operator, { name, ownerEmail: uniqueEmail("a") });
    const count = await systemDb.tenant.count();
    await expect(
      createTenantWithOwner(operator, { name: name.toUpperCase(), ownerEmail: uniqueEmail("b") }),
    ).rejects.toThrow(/already exists/);
    await expect(
      createTenantWithOwner(operator, { name: "   ", ownerEmail: uniqueEmail("c") }),
    ).rejects.toThrow(/tenant's name/);
    await expect(
      createTenantWithOwner(operator, { name: "x".repeat(121), ownerEmail: uniqueEmail("d") }),
    ).rejects.toThrow(/120/);
    await expect(
      createTenantWithOwner(operator, { name: unique("Fine"), ownerEmail: "owner@@example" }),
    ).rejects.toThrow(/email address/);
    expect(await systemDb.tenant.count()).toBe(count);
  });

  it("creates one tenant when the same name is submitted twice at once", async () => {
    const operator = await operatorUser();
    const name = unique("Double Submit");
    const results = await Promise.allSettled([
      createTenantWithOwner(operator, { name, ownerEmail: uniqueEmail("x") }),
      createTenantWithOwner(operator, { name, ownerEmail: uniqueEmail("y") }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await systemDb.tenant.count({ where: { name } })).toBe(1);
  });
});

describe("operators", () => {
  afterEach(() => {
    delete process.env.CERTDESK_OPERATOR_EMAILS;
    reloadConfig();
  });

  it("are the addresses of CERTDESK_OPERATOR_EMAILS, compared as stored, and nobody when it is unset", () => {
    delete process.env.CERTDESK_OPERATOR_EMAILS;
    reloadConfig();
    expect(isOperator("ops@example.com")).toBe(false);
    process.env.CERTDESK_OPERATOR_EMAILS = "Ops@Example.com, second@example.com";
    reloadConfig();
    expect(isOperator(" OPS@example.com")).toBe(true);
    expect(isOperator("second@example.com")).toBe(true);
    expect(isOperator("ops@example.com.evil.test")).toBe(false);
    expect(isOperator("")).toBe(false);
    expect(isOperator(null)).toBe(false);
  });
});

describe("npm run tenant:create", () => {
  const run = promisify(execFile);
  const script = (...args: string[]) =>
    run("npx", ["tsx", "scripts/tenant-create.ts", "--", ...args], {
      env: { ...process.env, CERTDESK_DATA_DIR: "/nonexistent-certdesk-data" },
      timeout: 120_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it("prints the owner's invitation link, refuses a taken name with exit code 1, and shows usage", async () => {
    const name = unique("Shell Tenant");
    const ownerEmail = uniqueEmail("shell-owner");
    const ok = await script("--name", name, "--owner", ownerEmail);
    expect(ok.code, ok.stderr).toBe(0);
    const url = ok.stdout.match(/https?:\/\/\S+\/invite\?token=[\w-]{43}/)?.[0];
    expect(url, ok.stdout).toBeDefined();
    const opened = await openInvitation(new URL(url!).searchParams.get("token")!, null);
    expect(opened).toMatchObject({ tenantName: name, email: ownerEmail, role: "owner" });

    const taken = await script("--name", name, "--owner", uniqueEmail("other"));
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(`A tenant named "${name}" already exists.`);
    const usage = await script("--name", "No owner");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Usage: npm run tenant:create");
  }, 240_000);
});
