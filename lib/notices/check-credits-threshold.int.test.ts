// The credits check against the TrueScreen sandbox: admins are told once per crossing of the threshold, a top-up arms
// the next one, and a TrueScreen that does not answer changes nothing.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { TrueScreenSandbox } from "@/sandbox/truescreen/truescreen-sandbox";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { addUserToTenant, createTenantWithOwner } from "@/scripts/test/factories";
import { checkCreditsThreshold } from "./check-credits-threshold";
import type { NoticeJobSender } from "./notice-jobs";
import { setCreditsThreshold } from "./set-credits-threshold";

let sandbox: TrueScreenSandbox;

beforeAll(async () => {
  sandbox = new TrueScreenSandbox({ port: 0, dataDir: null, processingMs: 300, webhookRetryDelaysMs: [0] });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
});

const jobs: NoticeJobSender = { send: async () => crypto.randomUUID() };

async function setCredits(apiKey: string, credits: number) {
  await fetch(`${sandbox.baseUrl}/sandbox/keys/${apiKey}`, {
    method: "PATCH",
    body: JSON.stringify({ credits }),
    headers: { "content-type": "application/json" },
  });
}

describe("the credits check", () => {
  it("tells admins once per crossing below the threshold; a top-up arms the next", async () => {
    const { tenant, owner, actor } = await createTenantWithOwner();
    const admin = await addUserToTenant(tenant.id, "admin");
    const certifier = await addUserToTenant(tenant.id, "certifier");
    const key = sandbox.createKey({ credits: 30 });
    await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
    await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
    const ctx = openTenantContext(tenant.id, { kind: "system", name: "notices" });

    expect(await checkCreditsThreshold(ctx, jobs, 100)).toBe("no-threshold");
    await setCreditsThreshold(actor, 20);
    expect(await checkCreditsThreshold(ctx, jobs, 101)).toBe("above");
    await setCredits(key.api_key, 12);
    expect(await checkCreditsThreshold(ctx, jobs, 102)).toBe("crossed");
    expect(await checkCreditsThreshold(ctx, jobs, 103)).toBe("still-low");
    const told = await systemDb.notification.findMany({ where: { tenantId: tenant.id } });
    expect(told.map((row) => row.userId).sort()).toEqual([owner.id, admin.user.id].sort());
    expect(told[0]).toMatchObject({
      seq: 102,
      kind: "credits_low",
      title: "TrueScreen credits are low: 12 left",
    });
    expect(told.some((row) => row.userId === certifier.user.id)).toBe(false);

    await setCredits(key.api_key, 40);
    expect(await checkCreditsThreshold(ctx, jobs, 104)).toBe("rearmed");
    await setCredits(key.api_key, 5);
    expect(await checkCreditsThreshold(ctx, jobs, 105)).toBe("crossed");
    expect(await systemDb.notification.count({ where: { tenantId: tenant.id } })).toBe(4);
    const settings = await systemDb.noticeSettings.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(settings).toMatchObject({ creditsThreshold: 20, creditsLow: true, creditsSeen: 5 });
  });

  it("changes nothing when TrueScreen has no key for the tenant", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    await setCreditsThreshold(actor, 20);
    const ctx = openTenantContext(tenant.id, { kind: "system", name: "notices" });
    expect(await checkCreditsThreshold(ctx, jobs, 1)).toBe("no-balance");
    expect(await systemDb.notification.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});
