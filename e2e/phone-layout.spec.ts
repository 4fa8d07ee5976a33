// At a phone's width (375 px) the lists keep what a reviewer reads first: a claim's outcome and a certification's
// status stay on screen, the less important columns give way.
import crypto from "node:crypto";
import type { Locator } from "@playwright/test";
import { systemDb } from "@/lib/db/client";
import { createTenantWithOwner, expect, signIn, test, TEST_PASSWORD } from "./support/fixtures";

const PHONE_WIDTH = 375;
test.use({ viewport: { width: PHONE_WIDTH, height: 740 } });

/** Shown, and wholly inside the screen's width without scrolling the table sideways (the list may be below). */
async function expectWithinPhoneWidth(locator: Locator) {
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE_WIDTH);
}

test("on a phone, the claims list shows each outcome and the certifications list each status", async ({
  page,
}) => {
  const { tenant, owner } = await createTenantWithOwner("Phone Tenant");
  const now = Date.now();
  await systemDb.claim.createMany({
    data: [
      { outcome: "success" as const, vendor: "Pocket Leads" },
      { outcome: "failure" as const, vendor: "Tiny Leads" },
    ].map((row, i) => ({
      ...row,
      tenantId: tenant.id,
      certId: crypto.randomBytes(20).toString("hex"),
      certUrl: "https://cert.trustedform.com/x",
      status: "claimed" as const,
      requiredTotal: 2,
      requiredFound: 1,
      claimedAt: new Date(now - i * 1000),
      createdAt: new Date(now - i * 1000),
    })),
  });
  await systemDb.certification.create({
    data: {
      tenantId: tenant.id,
      title: "A rather long certification title that a phone cannot show in full",
      mode: "hash",
      status: "completed",
      fileCount: 3,
      creditsAmount: 3,
    },
  });

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/claims");
  const claims = page.getByTestId("claims-table");
  await expect(claims.getByRole("row")).toHaveCount(3);
  await expectWithinPhoneWidth(claims.getByRole("columnheader", { name: "Outcome" }));
  await expectWithinPhoneWidth(claims.getByRole("cell", { name: "success", exact: true }));
  await expectWithinPhoneWidth(claims.getByRole("cell", { name: "failure", exact: true }));
  // Less important columns give way on a phone.
  await expect(claims.getByRole("columnheader", { name: "Lead match" })).toBeHidden();
  await expect(claims.getByRole("columnheader", { name: "Forbidden" })).toBeHidden();
  // Nothing makes the page itself scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_WIDTH);

  await page.goto("/certifications");
  const table = page.getByRole("table", { name: "Certifications, newest first" });
  await expectWithinPhoneWidth(table.getByRole("columnheader", { name: "Status" }));
  await expectWithinPhoneWidth(table.getByRole("cell", { name: "Completed" }));
  await expect(table.getByRole("columnheader", { name: "Credits" })).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_WIDTH);
});
