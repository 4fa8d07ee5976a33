// SSRF and key exfiltration through the sandbox URL, from a tenant admin's browser against the real server: the
// sandbox is a choice among the deployment's origins; a forged server-action request with another origin is refused;
// a row forced to point at a loopback listener is never called; a production key is never sent to a sandbox.
import { expect, test } from "@playwright/test";
import { systemDb } from "@/lib/db/client";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { startCaptureServer } from "@/scripts/test/capture-server";
import { E2E } from "../support/e2e-env";
import { createTenantWithOwner, signIn, TEST_PASSWORD } from "../support/fixtures";

const TRUESCREEN_SANDBOX = `http://127.0.0.1:${E2E.truescreenPort}`;
const TRUSTEDFORM_SANDBOX = `http://127.0.0.1:${E2E.trustedformPort}`;

test("the sandbox is chosen from the deployment's list; forged and forced origins are refused and never called", async ({
  page,
}) => {
  // A listener on the server's own loopback, as an internal service would be: not on the deployment's list.
  const internal = await startCaptureServer({ status: 200, body: '{"credits": 1}' });
  try {
    const { actor, owner, tenant } = await createTenantWithOwner("SSRF Tenant");
    await saveTenantSecret(actor, "truescreen.api_key", "ts_sandbox_key_that_must_stay_home");
    await signIn(page, owner.email, TEST_PASSWORD);
    await page.goto("/settings/connections");
    const card = page.getByTestId("connection-truescreen");
    const baseUrl = card.getByLabel("Base URL");
    await expect(baseUrl).toHaveValue(TRUESCREEN_SANDBOX);
    expect(await baseUrl.evaluate((element) => element.tagName)).toBe("SELECT");
    expect(await baseUrl.locator("option").allTextContents()).toEqual([
      TRUESCREEN_SANDBOX,
      TRUSTEDFORM_SANDBOX,
    ]);

    // The attacker's request: the real server action, its argument rewritten on the wire.
    let forged = "";
    await page.route("**/settings/connections", async (route) => {
      const request = route.request();
      if (request.method() !== "POST" || !request.headers()["next-action"] || !forged)
        return route.continue();
      const body = request.postData() ?? "";
      expect(body).toContain(TRUSTEDFORM_SANDBOX);
      await route.continue({ postData: body.replace(TRUSTEDFORM_SANDBOX, forged) });
    });
    // A few spellings here; lib/connections/sandbox-origin-attacks.int.test.ts goes through many more.
    for (const origin of [
      "http://169.254.169.254",
      internal.origin,
      `http://localhost:${E2E.truescreenPort}`,
    ]) {
      forged = origin;
      await baseUrl.selectOption(TRUSTEDFORM_SANDBOX);
      await card.getByRole("button", { name: "Save environment" }).click();
      await expect(card.getByRole("alert")).toHaveText(/^Choose one of the sandboxes this deployment allows/);
    }
    forged = "";
    const stored = await systemDb.tenantConnection.findFirstOrThrow({
      where: { tenantId: tenant.id, service: "truescreen" },
    });
    expect(stored.sandboxBaseUrl).toBeNull();

    // A row forced to the internal listener (written directly): shown as not allowed, refused at Test connection.
    await systemDb.tenantConnection.update({
      where: { id: stored.id },
      data: { sandboxBaseUrl: internal.origin },
    });
    await page.reload();
    await expect(card.getByTestId("truescreen-sandbox-not-allowed")).toContainText(
      `This connection points at ${internal.origin}, which this deployment no longer allows`,
    );
    await card.getByRole("button", { name: "Test connection" }).click();
    await expect(card.getByRole("alert")).toHaveText(
      `TrueScreen's sandbox ${internal.origin} is not one of the sandboxes this deployment allows, so Certdesk does not call it. An admin chooses an allowed sandbox (or production) in Settings > Connections.`,
    );
    expect(internal.connections()).toBe(0);
  } finally {
    await internal.close();
  }
});

test("switching from production to the sandbox asks for the sandbox key; the production key is not used there", async ({
  page,
}) => {
  const { actor, owner } = await createTenantWithOwner("Environments Tenant");
  await updateConnection(actor, "truescreen", { environment: "production" });
  const productionKey = "ts_live_production_key_Wq7Z";
  await saveTenantSecret(actor, "truescreen.api_key", productionKey);

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/settings/connections");
  const card = page.getByTestId("connection-truescreen");
  await expect(card.getByTestId("truescreen-keys-environment")).toHaveText("Keys for production");
  await expect(page.getByTestId("truescreen.api_key-status")).toContainText("Saved: ••••Wq7Z");

  await card.getByLabel("Environment").selectOption("sandbox");
  await expect(card.getByLabel("Base URL")).toHaveValue(TRUESCREEN_SANDBOX);
  await expect(card.getByTestId("truescreen-switch-note")).toHaveText(
    "Switching to the sandbox: the production keys stay with production and are never sent to a sandbox. No sandbox TrueScreen API key is saved yet: after switching, paste the sandbox key.",
  );
  await card.getByRole("button", { name: "Save environment" }).click();
  await expect(card.getByRole("status")).toHaveText(
    `TrueScreen now uses the sandbox at ${TRUESCREEN_SANDBOX}.`,
  );
  await expect(card.getByTestId("truescreen-keys-environment")).toHaveText("Keys for the sandbox");
  await expect(page.getByTestId("truescreen.api_key-status")).toHaveText("Not set.");
  await expect(page.getByTestId("truescreen.api_key-other-environment")).toHaveText(
    "A production key is saved (••••Wq7Z), but it is never sent to a sandbox: paste the sandbox key here.",
  );
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByRole("alert")).toHaveText(
    "No TrueScreen API key is saved for the sandbox. The production key is never sent to a sandbox: save the sandbox key, then test.",
  );
});
