// Browser-test helpers: seed tenants and members straight through lib/ into the e2e server's database, and sign
// in through the real login form. Tests take `test` from here: it fails any test during which a page reported a
// Content-Security-Policy violation.
import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { E2E } from "./e2e-env";

const password = fs.readFileSync(path.join(E2E.dataDir, "postgres.password"), "utf8").trim();
process.env.DATABASE_URL = `postgres://certdesk:${encodeURIComponent(password)}@127.0.0.1:${E2E.postgresPort}/certdesk`;
process.env.CERTDESK_MASTER_KEYS = fs.readFileSync(path.join(E2E.dataDir, "master.key"), "utf8").trim();
// The same sandboxes as the server's (playwright.config.ts), so that seeding through lib/ allows the same origins.
process.env.TRUESCREEN_SANDBOX_PORT = String(E2E.truescreenPort);
process.env.TRUSTEDFORM_SANDBOX_PORT = String(E2E.trustedformPort);

export {
  addUserToTenant,
  createTenantWithOwner,
  TEST_PASSWORD,
  uniqueEmail,
  setTrustedFormApi,
} from "@/scripts/test/factories";

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

/** Runs in every page before its own scripts: a violation becomes a console line the test can see. */
function reportViolations() {
  window.addEventListener("securitypolicyviolation", (event) => {
    console.error(
      `Content Security Policy violation: ${event.effectiveDirective} blocked ` +
        `${event.blockedURI || "an inline resource"} (${event.sourceFile || "page"}:${event.lineNumber})`,
    );
  });
}

/**
 * Collects Content-Security-Policy violations in a context: the page's own `securitypolicyviolation` events and
 * the browser's console messages about the policy (those also cover workers, which run no init script).
 */
export async function watchContentSecurityPolicy(context: BrowserContext, violations: string[]) {
  await context.addInitScript(reportViolations);
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text()))
      violations.push(`${message.page()?.url() ?? "worker"}: ${message.text()}`);
  });
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      await watchContentSecurityPolicy(context, violations);
      // Pages a test opens with browser.newPage() or newContext() are watched too.
      const newContext = browser.newContext;
      browser.newContext = async function (this: Browser, ...args: Parameters<Browser["newContext"]>) {
        const created = await newContext.apply(this, args);
        await watchContentSecurityPolicy(created, violations);
        return created;
      };
      await use(violations);
      browser.newContext = newContext;
      expect(violations, "Content-Security-Policy violations on the pages this test opened").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
