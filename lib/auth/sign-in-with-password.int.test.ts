import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { addUserToTenant, createTenantWithOwner, TEST_PASSWORD, uniqueEmail } from "@/scripts/test/factories";
import { INVALID_CREDENTIALS_MESSAGE, signInWithPassword } from "./sign-in-with-password";

const randomIp = () => `198.51.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 255)}`;

describe("signInWithPassword", () => {
  it("signs in with the right password, case-insensitively on the address, and audits it", async () => {
    const { tenant } = await createTenantWithOwner();
    const { user } = await addUserToTenant(tenant.id, "viewer");
    const result = await signInWithPassword({
      email: `  ${user.email.toUpperCase()} `,
      password: TEST_PASSWORD,
      ip: randomIp(),
    });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: null } });
    const entry = await systemDb.auditEntry.findFirst({
      where: { tenantId: tenant.id, action: "auth.login" },
    });
    expect(entry?.actorId).toBe(user.id);
  });

  it("answers a wrong password and an unknown address with the same words", async () => {
    const { tenant } = await createTenantWithOwner();
    const { user } = await addUserToTenant(tenant.id, "viewer");
    const wrong = await signInWithPassword({
      email: user.email,
      password: "wrong password here",
      ip: randomIp(),
    });
    const unknown = await signInWithPassword({
      email: uniqueEmail("nobody"),
      password: "wrong password here",
      ip: randomIp(),
    });
    expect(wrong).toEqual({ ok: false, message: INVALID_CREDENTIALS_MESSAGE });
    expect(unknown).toEqual({ ok: false, message: INVALID_CREDENTIALS_MESSAGE });
    const failed = await systemDb.auditEntry.findMany({
      where: { tenantId: tenant.id, action: "auth.login_failed" },
    });
    expect(failed).toHaveLength(1);
    expect(await verifyAuditChain(tenant.id)).toMatchObject({ intact: true });
  });

  it("locks an account after 5 failures, even for the right password, and says when to retry", async () => {
    const { tenant } = await createTenantWithOwner();
    const { user } = await addUserToTenant(tenant.id, "admin");
    for (let i = 0; i < 5; i++) {
      expect(
        (await signInWithPassword({ email: user.email, password: `guess number ${i}`, ip: randomIp() })).ok,
      ).toBe(false);
    }
    const locked = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: randomIp() });
    expect(locked).toEqual({
      ok: false,
      message: expect.stringMatching(/^Too many failed sign-in attempts\. Try again in 15 minutes\.$/),
    });
  });

  it("locks unknown addresses the same way, so the lockout reveals nothing", async () => {
    const email = uniqueEmail("ghost");
    for (let i = 0; i < 5; i++)
      await signInWithPassword({ email, password: `guess number ${i}`, ip: randomIp() });
    expect(await signInWithPassword({ email, password: "anything at all", ip: randomIp() })).toEqual({
      ok: false,
      message: expect.stringMatching(/Too many failed sign-in attempts/),
    });
  });

  it("throttles one address that tries many accounts, and not other addresses", async () => {
    const { tenant } = await createTenantWithOwner();
    const { user } = await addUserToTenant(tenant.id, "viewer");
    const attacker = randomIp();
    for (let i = 0; i < 30; i++)
      await signInWithPassword({ email: uniqueEmail("spray"), password: "password spraying", ip: attacker });
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: attacker })).ok).toBe(
      false,
    );
    expect(
      (await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: randomIp() })).ok,
    ).toBe(true);
  });

  it("clears the account's failures after a successful sign-in", async () => {
    const { tenant } = await createTenantWithOwner();
    const { user } = await addUserToTenant(tenant.id, "viewer");
    for (let i = 0; i < 4; i++)
      await signInWithPassword({ email: user.email, password: `guess ${i} wrong`, ip: randomIp() });
    expect(
      (await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: randomIp() })).ok,
    ).toBe(true);
    for (let i = 0; i < 4; i++)
      await signInWithPassword({ email: user.email, password: `again ${i} wrong`, ip: randomIp() });
    expect(
      (await signInWithPassword({ email: user.email, password: TEST_PASSWORD, ip: randomIp() })).ok,
    ).toBe(true);
  });
});
