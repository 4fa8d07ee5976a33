// Recovering a login from the shell: `npm run user:reset-password -- <email>` against the running e2e server (the
// demo login printed once at its start was never seen), the link sets a new password once, and ends the sessions
// the account had.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { issuePasswordReset } from "@/lib/auth/issue-password-reset";
import { E2E } from "./support/e2e-env";
import {
  addUserToTenant,
  createTenantWithOwner,
  expect,
  signIn,
  test,
  TEST_PASSWORD,
} from "./support/fixtures";

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};
const NEW_PASSWORD = "recovered demo password";

test("the missed demo login is recovered with npm run user:reset-password, once", async ({ page }) => {
  test.setTimeout(180_000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CERTDESK_DATA_DIR: E2E.dataDir,
    EMBEDDED_PG_PORT: String(E2E.postgresPort),
    NEXTAUTH_URL: E2E.appUrl,
  };
  // As an operator would run it: no DATABASE_URL, Certdesk running on its data folder.
  delete env.DATABASE_URL;
  const { stdout } = await promisify(execFile)(
    "npm",
    ["run", "user:reset-password", "--", "admin@demo.local"],
    {
      env,
      timeout: 120_000,
    },
  );
  const link = stdout.match(/https?:\/\/\S+\/set-password\?reset=[\w-]{43}/)?.[0];
  expect(link, stdout).toBeDefined();
  expect(link!.startsWith(E2E.appUrl)).toBe(true);

  await page.goto(pathOf(link!));
  await expect(page.getByText("For admin@demo.local.")).toBeVisible();
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your new password is set. Sign in as admin@demo.local.")).toBeVisible();
  await signIn(page, "admin@demo.local", NEW_PASSWORD);
  await expect(page).toHaveURL(/^https?:\/\/[^/]+\/$/);

  // Signed out, the same link again: refused.
  await page.context().clearCookies();
  await page.goto(pathOf(link!));
  await expect(page.getByText(/This password link is not valid any more/)).toBeVisible();
  await expect(page.getByLabel("New password")).toHaveCount(0);
});

test("using a reset link ends the account's other sessions; a tampered link is refused", async ({
  page,
  browser,
}) => {
  const { tenant } = await createTenantWithOwner("Reset Sessions");
  const { user } = await addUserToTenant(tenant.id, "reviewer");
  await signIn(page, user.email, TEST_PASSWORD);

  const { url } = await issuePasswordReset(user.email);
  const other = await browser.newContext({ baseURL: E2E.appUrl });
  const resetPage = await other.newPage();
  await resetPage.goto(`${pathOf(url)}x`);
  await expect(resetPage.getByText(/This password link is not valid any more/)).toBeVisible();
  await resetPage.goto(pathOf(url));
  await resetPage.getByLabel("New password").fill(NEW_PASSWORD);
  await resetPage.getByLabel("Repeat the password").fill("not the same password");
  await resetPage.getByRole("button", { name: "Set new password" }).click();
  await expect(resetPage.locator("main").getByRole("alert")).toHaveText(
    "The two passwords are not the same.",
  );
  await resetPage.getByLabel("Repeat the password").fill(NEW_PASSWORD);
  await resetPage.getByRole("button", { name: "Set new password" }).click();
  await expect(resetPage.getByText(`Sign in as ${user.email}.`)).toBeVisible();
  await other.close();

  await page.goto("/claims");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, user.email, NEW_PASSWORD);
});
