import crypto from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { systemDb } from "@/lib/db/client";
import {
  addUserToTenant,
  createTenantWithOwner,
  expect,
  signIn,
  test,
  TEST_PASSWORD,
} from "./support/fixtures";

/** Claimed certificates straight into the database, newest first in the given order; their ids in that order. */
async function seedClaims(
  tenantId: string,
  rows: Array<Omit<Prisma.ClaimCreateManyInput, "tenantId" | "certId" | "certUrl" | "status">>,
): Promise<string[]> {
  const now = Date.now();
  const data = rows.map((row, i) => ({
    outcome: "success" as const,
    claimedAt: new Date(now - i * 1000),
    createdAt: new Date(now - i * 1000),
    ...row,
    tenantId,
    certId: crypto.randomBytes(20).toString("hex"),
    certUrl: "https://cert.trustedform.com/x",
    status: "claimed" as const,
  }));
  for (let start = 0; start < data.length; start += 5000)
    await systemDb.claim.createMany({ data: data.slice(start, start + 5000) });
  const ids = await systemDb.claim.findMany({
    where: { tenantId, certId: { in: data.map((d) => d.certId) } },
    select: { id: true, certId: true },
  });
  const byCert = new Map(ids.map((row) => [row.certId, row.id]));
  return data.map((d) => byCert.get(d.certId)!);
}

const decisionOf = async (id: string) =>
  (await systemDb.claim.findUnique({ where: { id }, select: { decision: true } }))?.decision ?? null;

test("a reviewer works the queue with the keyboard: failing claims first, a to accept, r to reject, j/k", async ({
  page,
}) => {
  const { tenant, owner } = await createTenantWithOwner("Review Queue Tenant");
  const other = await createTenantWithOwner("Review Queue Other");
  const [newest, older] = await seedClaims(tenant.id, [
    { vendor: "Newest Leads", verdict: "pass" },
    { vendor: "Older Leads", verdict: "pass" },
  ]);
  const [failing] = await seedClaims(tenant.id, [
    {
      vendor: "Bot Farm Leads",
      apiVersion: "v4_0",
      verdict: "fail",
      createdAt: new Date(Date.now() - 3_600_000),
      verdictRules: [
        {
          rule: { kind: "no_bot_detected" },
          passed: false,
          known: true,
          words: "Bot detected: yes — failed",
        },
        {
          rule: { kind: "one_to_one_consent" },
          passed: true,
          known: true,
          words: "1:1 consent: yes — passed",
        },
      ],
    },
  ]);
  await seedClaims(tenant.id, [{ vendor: "Done Leads", decision: "accepted" }]);
  await seedClaims(other.tenant.id, [{ vendor: "Other Tenant Leads", verdict: "fail" }]);

  await signIn(page, owner.email, TEST_PASSWORD);
  await expect(page.getByTestId("to-review-count")).toHaveText("3");
  await page
    .getByRole("link", { name: /To review/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/claims\/review$/);
  const queue = page.getByTestId("review-queue").locator(":scope > li");
  await expect(queue).toHaveCount(3);
  await expect(queue.nth(0)).toContainText("Bot Farm Leads");
  await expect(queue.nth(0).getByTestId("failed-rules")).toHaveText("Bot detected: yes — failed");
  await expect(queue.nth(1)).toContainText("Newest Leads");
  await expect(page.getByTestId("review-queue")).not.toContainText("Other Tenant Leads");
  await expect(page.getByTestId("review-queue")).not.toContainText("Done Leads");

  await page.getByRole("link", { name: "Start reviewing" }).click();
  await expect(page).toHaveURL(new RegExp(`/claims/${failing}$`));
  const accept = page.getByRole("button", { name: "Accept" });
  await expect(accept).toBeEnabled();
  // `a` on a claim failing its policy without a reason: refused in words, nothing decided.
  await page.keyboard.press("a");
  await expect(page.locator("main").getByRole("alert")).toContainText("fails its policy's rules");
  expect(await decisionOf(failing!)).toBeNull();

  // j: the next claim to review; a: accept it and move on.
  await page.keyboard.press("j");
  await expect(page).toHaveURL(new RegExp(`/claims/${newest}$`));
  await expect(accept).toBeEnabled();
  await page.keyboard.press("a");
  await expect(page).toHaveURL(new RegExp(`/claims/${older}$`));
  expect(await decisionOf(newest!)).toBe("accepted");

  // Keys typed into the reason are text, not shortcuts.
  await expect(accept).toBeEnabled();
  await page.getByLabel(/Reason/).fill("");
  await page.getByLabel(/Reason/).pressSequentially("ja");
  await expect(page).toHaveURL(new RegExp(`/claims/${older}$`));
  expect(await decisionOf(older!)).toBeNull();
  await page.getByLabel(/Reason/).fill("");
  await page.getByLabel(/Reason/).blur();

  // k: back to the previous one still to review (the failing claim); r focuses the reason, Enter rejects.
  await page.keyboard.press("k");
  await expect(page).toHaveURL(new RegExp(`/claims/${failing}$`));
  await expect(accept).toBeEnabled();
  await page.keyboard.press("r");
  await expect(page.getByLabel(/Reason/)).toBeFocused();
  await page.keyboard.type("Bot farm traffic");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/claims/${older}$`));
  expect(await decisionOf(failing!)).toBe("rejected");
  await expect(page.getByTestId("to-review-count")).toHaveText("1");
  await expect(page.getByTestId("next-unreviewed")).toHaveCount(0);
});

test("a reviewer decides a range, then all 1,000 claims matching a filter, in one action each", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { tenant, owner } = await createTenantWithOwner("Bulk Decisions Tenant");
  const other = await createTenantWithOwner("Bulk Decisions Other");
  const bulk = await seedClaims(
    tenant.id,
    Array.from(
      { length: 1000 },
      (_, i) => ({ vendor: "Bulk Vendor", verdict: i % 10 ? "pass" : "fail" }) as const,
    ),
  );
  await seedClaims(
    tenant.id,
    Array.from({ length: 5 }, () => ({ vendor: "Keep Vendor" })),
  );
  await seedClaims(
    other.tenant.id,
    Array.from({ length: 10 }, () => ({ vendor: "Bulk Vendor" })),
  );

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/claims");
  await page.getByLabel("Vendor").selectOption("Bulk Vendor");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(/vendor=Bulk\+Vendor/);
  const boxes = page.getByTestId("row-select");
  await expect(boxes).toHaveCount(50);
  await expect(boxes.first()).toBeEnabled();

  // Shift-click: rows 2 to 6.
  await boxes.nth(1).click();
  await boxes.nth(5).click({ modifiers: ["Shift"] });
  await expect(page.getByTestId("selection-count")).toHaveText("5 selected");
  await page.getByLabel(/^Reason/).fill("Duplicate leads");
  await page.getByRole("button", { name: "Reject 5" }).click();
  await expect(page.getByTestId("bulk-decision").getByRole("status").first()).toHaveText(
    "5 claims rejected.",
  );
  for (const id of bulk.slice(1, 6)) expect(await decisionOf(id)).toBe("rejected");
  expect(await decisionOf(bulk[0]!)).toBeNull();

  // Everything still to review that the filter matches: 995, decided on the server.
  await page.getByRole("button", { name: "Select all 995 matching claims to review" }).click();
  await expect(page.getByTestId("selection-count")).toHaveText(
    "All 995 claims to review matching this filter selected",
  );
  // 100 of them fail their policy: accepting them needs a reason.
  await page.getByRole("button", { name: "Accept 995" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("fail their policy's rules");
  expect(await systemDb.claim.count({ where: { tenantId: tenant.id, decision: "accepted" } })).toBe(0);
  await page.getByLabel(/^Reason/).fill("Vendor audited");
  await page.getByRole("button", { name: "Accept 995" }).click();
  await expect(page.getByTestId("bulk-decision").getByRole("status").first()).toHaveText(
    "995 claims accepted.",
    {
      timeout: 60_000,
    },
  );
  expect(await systemDb.claim.count({ where: { tenantId: tenant.id, decision: "accepted" } })).toBe(995);
  expect(
    await systemDb.claim.count({ where: { tenantId: tenant.id, vendor: "Keep Vendor", decision: null } }),
  ).toBe(5);
  expect(await systemDb.claim.count({ where: { tenantId: other.tenant.id, decision: { not: null } } })).toBe(
    0,
  );
  expect(
    await systemDb.auditEntry.count({
      where: { tenantId: tenant.id, action: { in: ["claim.accepted", "claim.rejected"] } },
    }),
  ).toBe(1000);
});

test("a saved view is the member's own, and names the export it produces", async ({ page, browser }) => {
  const { tenant, owner } = await createTenantWithOwner("Saved Views Tenant");
  const { user: colleague } = await addUserToTenant(tenant.id, "reviewer");
  await seedClaims(tenant.id, [
    { vendor: "Failing Vendor", verdict: "fail" },
    { vendor: "Passing Vendor", verdict: "pass" },
  ]);

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/claims");
  await page.getByLabel("Policy verdict").selectOption("fail");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(/verdict=fail/);
  await page.getByLabel("Name of the view").fill("Failing ones");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page).toHaveURL(/verdict=fail&view=[0-9a-f-]{36}$/);

  // Opened later from anywhere, the view brings its filters back.
  await page.goto("/claims");
  await expect(page.getByTestId("claims-table").locator("tbody tr")).toHaveCount(2);
  await page.getByTestId("saved-views").getByRole("link", { name: "Failing ones" }).click();
  await expect(page.getByTestId("claims-table").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByLabel("Policy verdict")).toHaveValue("fail");
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^certdesk-claims-view-failing-ones-\d{4}-\d{2}-\d{2}\.csv$/);

  // A colleague in the same tenant sees none of it.
  const context = await browser.newContext();
  const theirs = await context.newPage();
  await signIn(theirs, colleague.email, TEST_PASSWORD);
  await theirs.goto("/claims");
  await expect(theirs.getByTestId("saved-views")).toContainText("none yet");
  const viewUrl = new URL(page.url());
  await theirs.goto(`/claims${viewUrl.search}`);
  await expect(theirs.getByTestId("saved-views")).not.toContainText("Failing ones");
  const [theirFile] = await Promise.all([
    theirs.waitForEvent("download"),
    theirs.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(theirFile.suggestedFilename()).toMatch(/^certdesk-claims-verdict-fail-/);
  await context.close();

  await page.getByRole("button", { name: "Delete the view Failing ones" }).click();
  await expect(page.getByTestId("saved-views")).toContainText("none yet");
});
