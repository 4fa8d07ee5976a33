import type { Page } from "@playwright/test";
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

test("an owner adds a viewer, who sets a password, signs in, and is refused the admin page", async ({
  page,
}) => {
  const { owner, tenant } = await createTenantWithOwner("Acme Compliance");
  await signIn(page, owner.email, TEST_PASSWORD);

  // The shell: navigation, tenant, user.
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Certifications", "Claims", "Settings"])
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  await expect(page.getByTestId("active-tenant")).toHaveText(tenant.name);
  await expect(page.getByRole("heading", { name: "Overview", exact: true })).toBeVisible();

  // Add a viewer through Settings, by keyboard where a person would.
  await nav.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: /Members and roles/ }).click();
  const viewerEmail = uniqueEmail("viewer");
  await page.getByLabel("Email").fill(viewerEmail);
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByLabel("Email").press("Enter");
  const link = await page.getByTestId("invitation-link").inputValue();
  expect(link).toMatch(/\/invite\?token=/);
  // Invited is not a member yet: the invitation waits under Pending invitations.
  await expect(page.getByTestId("invitations-list")).toContainText(viewerEmail);
  await expect(page.getByTestId("members-table")).not.toContainText(viewerEmail);

  await signOut(page);

  // The new member opens the one-time link and sets a password.
  await page.goto(link);
  await expect(page.getByText(`${viewerEmail} is invited to join ${tenant.name} as viewer.`)).toBeVisible();
  await page.getByLabel("New password").fill("viewer password 123");
  await page.getByLabel("Repeat the password").fill("viewer password 123");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(
    page.getByText(`Your password is set and you joined ${tenant.name}. Sign in as ${viewerEmail}.`),
  ).toBeVisible();

  // The link works once.
  await page.goto(link);
  await expect(page.getByText(/This invitation is not valid any more/)).toBeVisible();

  await signIn(page, viewerEmail, "viewer password 123");
  await expect(page.getByLabel("User menu")).toContainText("viewer");

  // An admin page answers 403 with a page that says so, not a crash.
  const response = await page.goto("/settings/members");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  // A viewer's settings are their own notice preferences only; the admin pages are not offered.
  await page.goto("/settings");
  await expect(page.getByRole("link", { name: /Notices/ }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Members and roles/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Connections/ })).toHaveCount(0);
});

test("an owner changes a member's role and removes them, with confirmation", async ({ page }) => {
  const { owner, tenant } = await createTenantWithOwner();
  const email = (await addUserToTenant(tenant.id, "reviewer")).user.email;
  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/settings/members");

  await page.getByRole("link", { name: `Manage ${email}` }).click();
  await chooseRole(page, "certifier");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByText(`${email} is now certifier.`)).toBeVisible();

  await page.getByRole("button", { name: "Remove from tenant" }).click();
  const dialog = page.getByRole("dialog", { name: `Remove ${email}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Remove from tenant" }).click();
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  await expect(page.getByTestId("members-table")).not.toContainText(email);

  // The owner is the last owner: the page refuses to demote them, in words.
  await page.getByRole("link", { name: `Manage ${owner.email}` }).click();
  await chooseRole(page, "admin");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(
    page.getByText("This is the tenant's last owner. Make another member an owner first."),
  ).toBeVisible();
});

/** Picks a role and waits until the page took it (a refresh still landing from the previous step may re-render). */
async function chooseRole(page: Page, role: string) {
  await expect(async () => {
    await page.getByLabel("Role").selectOption(role);
    await expect(page.getByRole("button", { name: "Save role" })).toBeEnabled({ timeout: 1_000 });
  }).toPass();
}
