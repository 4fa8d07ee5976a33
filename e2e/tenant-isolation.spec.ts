import crypto from "node:crypto";
import { systemDb } from "@/lib/db/client";
import {
  addUserToTenant,
  createTenantWithOwner,
  expect,
  signIn,
  test,
  TEST_PASSWORD,
} from "./support/fixtures";

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
  // Read the page only once it has rendered (the text would be empty while it streams in).
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
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

test("tenant B's certifications, their downloads and live statuses are invisible to tenant A", async ({
  page,
}) => {
  const a = await createTenantWithOwner("Cert Tenant A");
  const b = await createTenantWithOwner("Cert Tenant B");
  const foreign = await systemDb.certification.create({
    data: {
      tenantId: b.tenant.id,
      title: "Tenant B secret evidence",
      mode: "hash",
      status: "completed",
      reportId: crypto.randomUUID(),
      fileCount: 1,
      files: {
        create: [{ tenantId: b.tenant.id, position: 0, fileName: "b.pdf", sha256: "b".repeat(64) }],
      },
      artifacts: {
        create: [
          {
            tenantId: b.tenant.id,
            type: "data",
            position: 0,
            fileName: "b.json",
            contentType: "application/json",
            storageKey: `${b.tenant.id}/x/data-0`,
            sha256: "c".repeat(64),
            size: 10n,
          },
        ],
      },
    },
  });
  await signIn(page, a.owner.email, TEST_PASSWORD);
  expect((await page.goto(`/certifications/${foreign.id}`))?.status()).toBe(404);
  const download = await page.request.get(`/certifications/${foreign.id}/download?type=data&n=0`);
  expect(download.status()).toBe(404);
  const statuses = await page.request.get(`/certifications/statuses?ids=${foreign.id}`);
  expect(await statuses.json()).toEqual([]);
  await page.goto(`/certifications?q=${"b".repeat(64)}`);
  await expect(page.getByText("No certification matches these filters")).toBeVisible();
  await page.goto("/certifications");
  await expect(page.getByText("Tenant B secret evidence")).toHaveCount(0);
});
