// Browser-test helpers: seed tenants and members straight through lib/ into the e2e server's database, and sign
// in through the real login form.
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { E2E } from "./e2e-env";

const password = fs.readFileSync(path.join(E2E.dataDir, "postgres.password"), "utf8").trim();
process.env.DATABASE_URL = `postgres://certdesk:${encodeURIComponent(password)}@127.0.0.1:${E2E.postgresPort}/certdesk`;
process.env.CERTDESK_MASTER_KEYS = fs.readFileSync(path.join(E2E.dataDir, "master.key"), "utf8").trim();
// The same sandboxes as the server's (playwright.config.ts), so that seeding through lib/ allows the same origins.
process.env.TRUESCREEN_SANDBOX_PORT = String(E2E.truescreenPort);
process.env.TRUSTEDFORM_SANDBOX_PORT = String(E2E.trustedformPort);

export { addUserToTenant, createTenantWithOwner, TEST_PASSWORD, uniqueEmail } from "@/scripts/test/factories";

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-email")).toHaveText(email);
}

export async function signOut(page: Page) {
  await page.getByLabel("User menu").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}
