import type { Page } from "@playwright/test";
import { E2E } from "./support/e2e-env";
import {
  addUserToTenant,
  createTenantWithOwner,
  expect,
  signIn,
  test,
  TEST_PASSWORD,
} from "./support/fixtures";

async function sandboxPost<T>(port: number, path: string, body: object): Promise<T> {
  return (await (
    await fetch(`http://127.0.0.1:${port}${path}`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    })
  ).json()) as T;
}

/** Every response body the app sends to this page, for searching. */
function recordResponses(page: Page) {
  const bodies: Array<Promise<string>> = [];
  page.on("response", (response) => {
    if (response.url().startsWith(E2E.appUrl)) bodies.push(response.text().catch(() => ""));
  });
  return async () => (await Promise.all(bodies)).join("\n");
}

/**
 * Every 12-character substring of the secret's random part: any leak longer than that contains one of them. Shorter
 * pieces match by chance somewhere in a megabyte of scripts and numbers (a 5-digit run of a hex key did), and the
 * page shows the last 4 characters on purpose.
 */
function pieces(secret: string): string[] {
  const random = secret.replace(/^(ts_sandbox_|tf_sandbox_|whsec_)/, "");
  return [secret, ...Array.from({ length: random.length - 11 }, (_, i) => random.slice(i, i + 12))];
}

test("an admin saves both keys, tests both connections, sees them masked; no response holds a key; the audit log shows it all", async ({
  page,
}) => {
  const { owner, tenant } = await createTenantWithOwner("Connections Tenant");
  const truescreenKey = await sandboxPost<{ api_key: string; webhook_secret: string }>(
    E2E.truescreenPort,
    "/sandbox/keys",
    { credits: 42 },
  );
  const trustedformKey = await sandboxPost<{ api_key: string }>(E2E.trustedformPort, "/sandbox/accounts", {
    balance: 10,
  });
  const replacementKey = await sandboxPost<{ api_key: string }>(E2E.trustedformPort, "/sandbox/accounts", {
    balance: 10,
  });
  const secrets = [
    truescreenKey.api_key,
    truescreenKey.webhook_secret,
    trustedformKey.api_key,
    replacementKey.api_key,
  ];
  const responses = recordResponses(page);

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/settings");
  await page.getByRole("link", { name: /Connections/ }).click();
  await expect(page.getByRole("heading", { name: "Connections", exact: true })).toBeVisible();

  const truescreen = page.getByTestId("connection-truescreen");
  await expect(truescreen.getByLabel("Base URL")).toHaveValue(`http://127.0.0.1:${E2E.truescreenPort}`);
  await expect(truescreen.getByLabel("Webhook URL to paste into TrueScreen's portal")).toHaveValue(
    /\/api\/webhooks\/truescreen\/[\w-]{32}$/,
  );
  await truescreen.getByLabel("TrueScreen API key", { exact: true }).fill(truescreenKey.api_key);
  await truescreen.getByRole("button", { name: "Save", exact: true }).first().click();
  await expect(page.getByTestId("truescreen.api_key-status")).toHaveText(
    new RegExp(`^Saved: ••••${truescreenKey.api_key.slice(-4)}, set by ${owner.email} on `),
  );
  await truescreen.getByLabel("Webhook signing secret", { exact: true }).fill(truescreenKey.webhook_secret);
  await truescreen.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("truescreen.webhook_secret-status")).toHaveText(
    new RegExp(`^Saved: ••••${truescreenKey.webhook_secret.slice(-4).replace(/[+/=]/g, "\\$&")},`),
  );
  await truescreen.getByRole("button", { name: "Test connection" }).click();
  await expect(truescreen.getByRole("status")).toHaveText(
    `Connected to TrueScreen at http://127.0.0.1:${E2E.truescreenPort}. Balance: 42 credits.`,
  );

  const trustedform = page.getByTestId("connection-trustedform");
  await trustedform.getByLabel("TrustedForm API key", { exact: true }).fill(trustedformKey.api_key);
  await trustedform.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("trustedform.api_key-status")).toContainText(
    `••••${trustedformKey.api_key.slice(-4)}`,
  );
  await trustedform.getByRole("button", { name: "Test connection" }).click();
  await expect(trustedform.getByRole("status")).toContainText(
    "the API key was accepted. Nothing was claimed or billed.",
  );

  // Replacing asks first; cancelling changes nothing.
  await trustedform.getByLabel("TrustedForm API key", { exact: true }).fill(replacementKey.api_key);
  await trustedform.getByRole("button", { name: "Replace", exact: true }).click();
  const replace = page.getByRole("dialog", { name: "Replace the TrustedForm API key?" });
  await replace.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("trustedform.api_key-status")).toContainText(
    `••••${trustedformKey.api_key.slice(-4)}`,
  );
  await trustedform.getByRole("button", { name: "Replace", exact: true }).click();
  await replace.getByRole("button", { name: "Replace", exact: true }).click();
  await expect(page.getByTestId("trustedform.api_key-status")).toContainText(
    `••••${replacementKey.api_key.slice(-4)}`,
  );

  // Removing asks first too.
  await truescreen.getByRole("button", { name: "Remove", exact: true }).nth(1).click();
  await page
    .getByRole("dialog", { name: "Remove the Webhook signing secret?" })
    .getByRole("button", { name: "Remove", exact: true })
    .click();
  await expect(page.getByTestId("truescreen.webhook_secret-status")).toHaveText("Not set.");

  // A bad key gets words, not a crash.
  await truescreen
    .getByLabel("TrueScreen API key", { exact: true })
    .fill("ts_sandbox_this_key_does_not_exist");
  await truescreen.getByRole("button", { name: "Replace", exact: true }).click();
  await page
    .getByRole("dialog", { name: "Replace the TrueScreen API key?" })
    .getByRole("button", { name: "Replace", exact: true })
    .click();
  await expect(page.getByTestId("truescreen.api_key-status")).toContainText("••••xist");
  await truescreen.getByRole("button", { name: "Test connection" }).click();
  await expect(truescreen.getByRole("alert")).toHaveText(
    "TrueScreen refused the API key. Check the key in Settings > Connections.",
  );

  await page.reload();
  await expect(page.getByTestId("trustedform.api_key-status")).toContainText(
    `••••${replacementKey.api_key.slice(-4)}`,
  );
  const everything = await responses();
  expect(everything.length).toBeGreaterThan(1000);
  for (const secret of secrets)
    for (const piece of pieces(secret))
      expect(everything.includes(piece), `a response holds "${piece}"`).toBe(false);

  // The audit log lists the changes, verifies, filters and exports.
  await page.goto("/settings/audit");
  const table = page.getByTestId("audit-table");
  for (const action of ["secret.set", "secret.replaced", "secret.removed", "connection.tested"])
    await expect(table).toContainText(action);
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByText(/^The chain is intact: all \d+ entries verified\.$/)).toBeVisible();
  await page.getByLabel("Action").fill("secret.");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=secret\./);
  const actions = await table.locator("tbody tr td:nth-child(4)").allInnerTexts();
  expect(actions.length).toBe(6);
  expect(actions.every((action) => action.startsWith("secret."))).toBe(true);

  const csv = await (await page.request.get("/settings/audit/export?format=csv&action=secret.")).text();
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("seq,created_at,actor_email,action,target_type,target_id,details,ip,prev_hash,hash");
  expect(lines).toHaveLength(7);
  const jsonl = (await (await page.request.get("/settings/audit/export?format=jsonl")).text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { action: string; hash: string });
  expect(jsonl.map((entry) => entry.action)).toContain("tenant.created");
  for (const secret of secrets)
    for (const piece of pieces(secret)) expect(csv + JSON.stringify(jsonl)).not.toContain(piece);
  expect(tenant.id).toBeTruthy();
});

test("a certifier cannot open the connections or audit pages, nor export", async ({ page }) => {
  const { tenant } = await createTenantWithOwner();
  const { user } = await addUserToTenant(tenant.id, "certifier");
  await signIn(page, user.email, TEST_PASSWORD);
  for (const path of ["/settings/connections", "/settings/audit"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  }
  const exported = await page.request.get("/settings/audit/export?format=csv");
  expect(exported.status()).toBe(403);
});
