// Operators (CERTDESK_OPERATOR_EMAILS; the e2e server has one: E2E.operatorEmail) create tenants and their first
// owner. A tenant owner who is not an operator finds nothing: no menu link, a 404 page, and a forged post of the
// operator's own action creates nothing.
import { systemDb } from "@/lib/db/client";
import { E2E } from "./support/e2e-env";
import {
  addUserToTenant,
  createTenantWithOwner,
  expect,
  signIn,
  signOut,
  test,
  TEST_PASSWORD,
  uniqueEmail,
} from "./support/fixtures";

/** The operator's account, a viewer of a tenant of their own (made once per server run). */
async function ensureOperator() {
  if (await systemDb.user.findUnique({ where: { email: E2E.operatorEmail } })) return;
  const home = await createTenantWithOwner("Operator Home");
  await addUserToTenant(home.tenant.id, "viewer", { email: E2E.operatorEmail });
}

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

test("an operator creates a tenant for a new owner, who joins by the link; and one for an existing account", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await ensureOperator();
  const existing = await createTenantWithOwner("Existing Owner's Tenant");

  await signIn(page, E2E.operatorEmail, TEST_PASSWORD);
  await page.getByLabel("User menu").click();
  await page.getByRole("link", { name: "Operator: tenants" }).click();
  await expect(page).toHaveURL(/\/operator\/tenants$/);
  await expect(page.getByRole("heading", { name: "Tenants" })).toBeVisible();

  const ownerEmail = uniqueEmail("new-owner");
  const name = `Operator Made ${Date.now()}`;
  await page.getByLabel("Tenant name").fill(name);
  await page.getByLabel("Owner's email").fill(ownerEmail);
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText(
    `${name} is created. Send this link to ${ownerEmail}`,
  );
  const link = await page.getByTestId("owner-invitation-link").inputValue();
  expect(link).toMatch(/\/invite\?token=[\w-]{43}$/);
  await expect(page.getByTestId("tenants-table").getByRole("row", { name: new RegExp(name) })).toContainText(
    `${ownerEmail} (invited)`,
  );

  // The same name again: refused, nothing created.
  await page.getByLabel("Tenant name").fill(name.toUpperCase());
  await page.getByLabel("Owner's email").fill(uniqueEmail("again"));
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("already exists");

  // An existing account becomes owner at once.
  const second = `Second Operator Made ${Date.now()}`;
  await page.getByLabel("Tenant name").fill(second);
  await page.getByLabel("Owner's email").fill(existing.owner.email);
  await page.getByRole("button", { name: "Create tenant" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText(
    `${existing.owner.email} already has a Certdesk account and is its owner now`,
  );

  // The new owner opens the link, sets a password, signs in, and lands on the overview of their tenant.
  const owner = await browser.newContext({ baseURL: E2E.appUrl });
  const ownerPage = await owner.newPage();
  await ownerPage.goto(pathOf(link));
  await ownerPage.getByLabel("New password").fill("the new owner's password");
  await ownerPage.getByLabel("Repeat the password").fill("the new owner's password");
  await ownerPage.getByRole("button", { name: "Set password" }).click();
  await expect(ownerPage.getByText(`you joined ${name}`)).toBeVisible();
  await signIn(ownerPage, ownerEmail, "the new owner's password");
  await expect(ownerPage).toHaveURL(/^https?:\/\/[^/]+\/$/);
  await ownerPage.goto("/settings/members");
  await expect(ownerPage.getByTestId("members-table")).toContainText(ownerEmail);
  await expect(ownerPage.getByTestId("members-table")).not.toContainText(E2E.operatorEmail);
  await owner.close();

  const tenant = await systemDb.tenant.findFirstOrThrow({ where: { name } });
  const created = await systemDb.auditEntry.findFirstOrThrow({
    where: { tenantId: tenant.id, action: "tenant.created" },
  });
  expect(created.actorEmail).toBe(E2E.operatorEmail);
});

test("a tenant owner who is not an operator gets no link, a 404, and a forged post creates nothing", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const attacker = await createTenantWithOwner("Not An Operator");
  // The operator's own session, to capture what a real post of the action looks like.
  await ensureOperator();
  const operatorContext = await browser.newContext({ baseURL: E2E.appUrl });
  const operatorPage = await operatorContext.newPage();
  await signIn(operatorPage, E2E.operatorEmail, TEST_PASSWORD);
  await operatorPage.goto("/operator/tenants");
  const posted = operatorPage.waitForRequest(
    (request) => request.method() === "POST" && Boolean(request.headers()["next-action"]),
  );
  const first = `Captured ${Date.now()}`;
  await operatorPage.getByLabel("Tenant name").fill(first);
  await operatorPage.getByLabel("Owner's email").fill(uniqueEmail("captured"));
  await operatorPage.getByRole("button", { name: "Create tenant" }).click();
  const request = await posted;
  await expect(operatorPage.locator("main").getByRole("status")).toContainText(`${first} is created`);
  const headers = request.headers();
  const forge = (ctx: typeof page, tenantName: string) =>
    ctx.request.post("/operator/tenants", {
      headers: {
        "next-action": headers["next-action"]!,
        "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: E2E.appUrl,
      },
      data: request.postData()!.replace(first, tenantName),
    });
  // The replay works for the operator (so the forgery below reaches the action)...
  const replayed = `Replayed ${Date.now()}`;
  expect((await forge(operatorPage, replayed)).status()).toBe(200);
  expect(await systemDb.tenant.count({ where: { name: replayed } })).toBe(1);
  await operatorContext.close();

  // ...and creates nothing for a tenant owner who is not an operator.
  await signIn(page, attacker.owner.email, TEST_PASSWORD);
  await page.getByLabel("User menu").click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Operator: tenants" })).toHaveCount(0);
  const visit = await page.goto("/operator/tenants");
  expect(visit?.status()).toBe(404);
  await expect(page.getByLabel("Tenant name")).toHaveCount(0);
  const forged = `Forged ${Date.now()}`;
  const answer = await forge(page, forged);
  expect(await answer.text()).toContain("Not found.");
  expect(await systemDb.tenant.count({ where: { name: forged } })).toBe(0);

  // Signed out: the page asks to sign in, and the action still creates nothing.
  await page.goto("/");
  await signOut(page);
  await page.goto("/operator/tenants");
  await expect(page).toHaveURL(/\/login\?next=%2Foperator%2Ftenants$/);
  const anonymous = `Anonymous ${Date.now()}`;
  await forge(page, anonymous);
  expect(await systemDb.tenant.count({ where: { name: anonymous } })).toBe(0);
});
