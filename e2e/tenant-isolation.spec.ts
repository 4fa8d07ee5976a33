import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { addUserToTenant, createTenantWithOwner, signIn, TEST_PASSWORD } from "./support/fixtures";

test("a user of tenant A gets 404 for every tenant-B id put into a URL, like for a missing id", async ({
  page,
}) => {
  const a = await createTenantWithOwner("Tenant A");
  const b = await createTenantWithOwner("Tenant B");
  const bIds = [
    (await addUserToTenant(b.tenant.id, "viewer")).membership.id,
    (await addUserToTenant(b.tenant.id, "admin")).membership.id,
    (await addUserToTenant(b.tenant.id, "owner")).membership.id,
  ];
  await signIn(page, a.owner.email, TEST_PASSWORD);

  const missing = await page.goto(`/settings/members/${crypto.randomUUID()}`);
  expect(missing?.status()).toBe(404);
  const missingText = await page.getByRole("main").or(page.locator("body")).first().innerText();

  for (const id of bIds) {
    const response = await page.goto(`/settings/members/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect(await page.getByRole("main").or(page.locator("body")).first().innerText()).toBe(missingText);
  }
  const garbage = await page.goto("/settings/members/not-an-id");
  expect(garbage?.status()).toBe(404);
});

test("a member of two tenants switches between them, and sees only the active tenant's members", async ({
  page,
}) => {
  const a = await createTenantWithOwner("Alpha Tenant");
  const b = await createTenantWithOwner("Beta Tenant");
  const { membership } = await addUserToTenant(b.tenant.id, "admin", {
    email: a.owner.email.replace("@", "+unused@"),
  });
  // Make A's owner a member of B too.
  const { systemDb } = await import("@/lib/db/client");
  await systemDb.membership.update({ where: { id: membership.id }, data: { userId: a.owner.id } });

  await signIn(page, a.owner.email, TEST_PASSWORD);
  const switcher = page.getByTestId("tenant-switcher");
  await expect(switcher).toBeVisible();
  await page.goto("/settings/members");
  await expect(page.getByTestId("members-table")).not.toContainText(b.owner.email);

  await switcher.selectOption({ label: "Beta Tenant (admin)" });
  await expect(page).toHaveURL(/\/certifications$/);
  await expect(switcher).toHaveValue(b.tenant.id);
  await page.goto("/settings/members");
  await expect(page.getByTestId("members-table")).toContainText(b.owner.email);
  await expect(page.getByRole("heading", { name: "Members and roles" })).toBeVisible();
});
