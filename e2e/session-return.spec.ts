// A session that ends while the user works: the next server action or page sends them to the sign-in form, and
// signing in brings them back to the page they were on, with what they had typed and not sent put back once.
import type { Page } from "@playwright/test";
import { systemDb } from "@/lib/db/client";
import { E2E } from "./support/e2e-env";
import { createTenantWithOwner, expect, signIn, test, TEST_PASSWORD } from "./support/fixtures";

/** Signs in on the sign-in form the app sent the browser to (keeping its return address). */
async function signInHere(page: Page, email: string) {
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-email")).toHaveText(email);
}

test("a claim form sent after the session ended comes back filled in after signing in, once", async ({
  page,
}) => {
  const { owner } = await createTenantWithOwner("Session Return Tenant");
  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/claims/new");
  await page.getByLabel("Certificate URL").fill("https://cert.trustedform.com/0123456789abcdef");
  await page.getByLabel("Vendor").fill("Night Shift Leads");
  await page.getByLabel("Reference (your lead id)").fill("LEAD-42");
  await page.getByLabel("Required terms").fill("on behalf of Acme\nat the telephone number");

  // The session ends elsewhere (signed out on another device, or expired): the cookie no longer counts.
  await systemDb.user.update({ where: { id: owner.id }, data: { sessionVersion: { increment: 1 } } });
  await page.getByRole("button", { name: "Claim certificate" }).click();

  await expect(page).toHaveURL(/\/login\?next=%2Fclaims%2Fnew$/);
  await signInHere(page, owner.email);
  await expect(page).toHaveURL(/\/claims\/new$/);
  await expect(page.getByLabel("Certificate URL")).toHaveValue(
    "https://cert.trustedform.com/0123456789abcdef",
  );
  await expect(page.getByLabel("Vendor")).toHaveValue("Night Shift Leads");
  await expect(page.getByLabel("Reference (your lead id)")).toHaveValue("LEAD-42");
  await expect(page.getByLabel("Required terms")).toHaveValue("on behalf of Acme\nat the telephone number");
  // Nothing was claimed while signed out.
  expect(await systemDb.claim.count({ where: { vendor: "Night Shift Leads" } })).toBe(0);

  // Restored once: a later visit starts empty.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Claim a certificate" })).toBeVisible();
  await expect(page.getByLabel("Vendor")).toHaveValue("");
});

test("a page opened after the session ended signs in and returns to that page with its query", async ({
  page,
}) => {
  const { owner } = await createTenantWithOwner("Session Return Pages");
  await signIn(page, owner.email, TEST_PASSWORD);
  await page.context().clearCookies();
  await page.goto("/claims?vendor=Acme&outcome=failure");
  await expect(page).toHaveURL(/\/login\?next=/);
  expect(new URL(page.url()).searchParams.get("next")).toBe("/claims?vendor=Acme&outcome=failure");
  await signInHere(page, owner.email);
  await expect(page).toHaveURL(/\/claims\?vendor=Acme&outcome=failure$/);
  await expect(page.getByRole("heading", { name: "Claims", level: 1 })).toBeVisible();

  // A hostile return address is not followed: the sign-in form falls back to the app's own start page.
  await page.context().clearCookies();
  await page.goto("/login?next=%2F%2Fevil.example%2Fphish");
  await signInHere(page, owner.email);
  expect(new URL(page.url()).origin).toBe(new URL(E2E.appUrl).origin);
  await expect(page).not.toHaveURL(/evil\.example/);
});
