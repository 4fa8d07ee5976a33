import {
  addUserToTenant,
  createTenantWithOwner,
  expect,
  signIn,
  signOut,
  test,
  TEST_PASSWORD,
} from "./support/fixtures";

test("wrong passwords get one message, then a throttle message; sign-out ends the session", async ({
  page,
}) => {
  const { tenant } = await createTenantWithOwner();
  const { user } = await addUserToTenant(tenant.id, "reviewer");

  const protectedPage = await page.goto("/claims");
  expect(page.url()).toMatch(/\/login/);
  expect(protectedPage?.status()).toBe(200);

  const formAlert = page.locator("main").getByRole("alert");
  const attempt = async (email: string, password: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    const answered = page.waitForResponse((response) =>
      response.url().includes("/api/auth/callback/credentials"),
    );
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
  };
  for (let n = 1; n <= 5; n++) {
    await attempt(user.email, `wrong password ${n}`);
    await expect(formAlert).toHaveText("The email or password is not correct.");
  }
  await attempt(user.email, TEST_PASSWORD);
  await expect(formAlert).toHaveText(/^Too many failed sign-in attempts\. Try again in \d+ minutes?\.$/);

  const { tenant: other } = await createTenantWithOwner();
  const { user: second } = await addUserToTenant(other.id, "viewer");
  await signIn(page, second.email, TEST_PASSWORD);
  // With no page to return to, sign-in lands on the overview.
  await expect(page).toHaveURL(/^https?:\/\/[^/]+\/$/);
  await signOut(page);
  await page.goto("/certifications");
  await expect(page).toHaveURL(/\/login/);
});
