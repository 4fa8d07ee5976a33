// Password reset links from the shell (npm run user:reset-password): the link sets a password once, expires, a
// newer link voids the older, a wrong or tampered token is refused, using it ends every session; all audited.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { systemDb } from "@/lib/db/client";
import { createTenantWithOwner, createUser, uniqueEmail } from "@/scripts/test/factories";
import { findSessionUser } from "./find-session-user";
import { issuePasswordReset } from "./issue-password-reset";
import { openPasswordReset } from "./open-password-reset";
import { resetPassword } from "./reset-password";
import { signInWithPassword } from "./sign-in-with-password";

const tokenOf = (url: string) => new URL(url).searchParams.get("reset")!;
const NEW_PASSWORD = "a brand new password";

describe("password reset links", () => {
  it("set a new password once, end the user's sessions, and are audited in the user's tenant", async () => {
    const { owner, tenant } = await createTenantWithOwner();
    const before = await systemDb.user.findUniqueOrThrow({ where: { id: owner.id } });
    const issued = await issuePasswordReset(`  ${owner.email.toUpperCase()} `);
    expect(issued.email).toBe(owner.email);
    expect(issued.url).toMatch(/\/set-password\?reset=[\w-]{43}$/);
    const token = tokenOf(issued.url);

    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const dump = JSON.stringify((await client.query('select * from "PasswordReset"')).rows);
    await client.end();
    expect(dump).not.toContain(token);

    expect((await openPasswordReset(token)).email).toBe(owner.email);
    await expect(resetPassword({ token, password: "short", ip: null })).rejects.toThrow(/at least 12/);
    expect(await resetPassword({ token, password: NEW_PASSWORD, ip: "203.0.113.9" })).toEqual({
      email: owner.email,
    });
    // Once only.
    await expect(resetPassword({ token, password: "yet another password", ip: null })).rejects.toThrow(
      /not valid any more/,
    );
    await expect(openPasswordReset(token)).rejects.toThrow(/not valid any more/);

    expect((await signInWithPassword({ email: owner.email, password: NEW_PASSWORD, ip: null })).ok).toBe(
      true,
    );
    const after = await systemDb.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await findSessionUser({ userId: owner.id, sessionVersion: before.sessionVersion })).toBeNull();

    const entries = await systemDb.auditEntry.findMany({
      where: { tenantId: tenant.id, action: { startsWith: "user.password_reset" } },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((e) => [e.action, e.targetId])).toEqual([
      ["user.password_reset_issued", owner.id],
      ["user.password_reset", owner.id],
    ]);
    expect(entries[1]!.ip).toBe("203.0.113.9");
    expect(JSON.stringify(entries.map((e) => e.details))).not.toContain(token);
    expect(await verifyAuditChain(tenant.id)).toMatchObject({ intact: true });
  });

  it("lets only one of two simultaneous uses win", async () => {
    const { owner } = await createTenantWithOwner();
    const token = tokenOf((await issuePasswordReset(owner.email)).url);
    const results = await Promise.allSettled([
      resetPassword({ token, password: "first password 123", ip: null }),
      resetPassword({ token, password: "second password 123", ip: null }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses an expired link, a replaced link, and wrong, tampered or oversized tokens", async () => {
    const { owner } = await createTenantWithOwner();
    const first = tokenOf((await issuePasswordReset(owner.email)).url);
    const second = tokenOf((await issuePasswordReset(owner.email)).url);
    await expect(resetPassword({ token: first, password: NEW_PASSWORD, ip: null })).rejects.toThrow(
      /not valid any more/,
    );
    for (const wrong of [
      "",
      "x",
      second.slice(0, -1),
      `${second}A`,
      second.toUpperCase(),
      "a".repeat(10_000),
    ])
      await expect(resetPassword({ token: wrong, password: NEW_PASSWORD, ip: null })).rejects.toThrow(
        /not valid any more/,
      );
    await systemDb.passwordReset.updateMany({
      where: { userId: owner.id, usedAt: null, revokedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(resetPassword({ token: second, password: NEW_PASSWORD, ip: null })).rejects.toThrow(
      /not valid any more/,
    );
    expect((await signInWithPassword({ email: owner.email, password: NEW_PASSWORD, ip: null })).ok).toBe(
      false,
    );
  });

  it("refuses an unknown address, and audits a user without a tenant in the system chain", async () => {
    await expect(issuePasswordReset(uniqueEmail("nobody"))).rejects.toThrow(/No Certdesk account has/);
    await expect(issuePasswordReset("not an address")).rejects.toThrow(/not an email address/);
    const loner = await createUser({ password: null });
    const token = tokenOf((await issuePasswordReset(loner.email)).url);
    await resetPassword({ token, password: NEW_PASSWORD, ip: null });
    const entries = await systemDb.auditEntry.findMany({
      where: { tenantId: null, targetId: loner.id },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((e) => e.action)).toEqual(["user.password_reset_issued", "user.password_reset"]);
    expect(await verifyAuditChain(null)).toMatchObject({ intact: true });
  });
});

describe("npm run user:reset-password", () => {
  const run = promisify(execFile);
  const script = (email: string) =>
    run("npx", ["tsx", "scripts/user-reset-password.ts", "--", email], {
      env: { ...process.env, CERTDESK_DATA_DIR: "/nonexistent-certdesk-data" },
      timeout: 60_000,
    });

  it(
    "prints a working link for a known address, and exits 1 with a clear message for an unknown one",
    { timeout: 180_000 },
    async () => {
      const { owner } = await createTenantWithOwner();
      const { stdout } = await script(owner.email);
      const url = stdout.match(/https?:\/\/\S+\/set-password\?reset=[\w-]{43}/)?.[0];
      expect(url, stdout).toBeDefined();
      await resetPassword({ token: tokenOf(url!), password: NEW_PASSWORD, ip: null });
      expect((await signInWithPassword({ email: owner.email, password: NEW_PASSWORD, ip: null })).ok).toBe(
        true,
      );

      const unknown = uniqueEmail("ghost");
      const failure = await script(unknown).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(`No Certdesk account has the address ${unknown}.`);
    },
  );
});
