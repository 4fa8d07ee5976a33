// The claims list's selection turned into a CSV (named after the selection, the filter and the view, in its file
// name and first lines) and into a case bundle after a confirmation that counts the items.
import crypto from "node:crypto";
import fs from "node:fs";
import { systemDb } from "@/lib/db/client";
import { createTenantWithOwner, expect, signIn, test, TEST_PASSWORD } from "./support/fixtures";

async function seedClaims(tenantId: string, vendor: string, count: number) {
  const marker = crypto.randomBytes(4).toString("hex");
  for (let n = 0; n < count; n++)
    await systemDb.claim.create({
      data: {
        tenantId,
        certId: `${marker}${n}`.padEnd(40, "0"),
        certUrl: `https://cert.trustedform.com/${`${marker}${n}`.padEnd(40, "0")}`,
        reference: `ref-${marker}-${n}`,
        vendor,
        status: "claimed",
        outcome: "success",
        claimedAt: new Date(Date.now() - n * 60_000),
        createdAt: new Date(Date.now() - n * 60_000),
      },
    });
  return marker;
}

test("export the selection as CSV, all matching to review, and a bundle of the selection", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { tenant, owner } = await createTenantWithOwner("Selection Tenant");
  const marker = await seedClaims(tenant.id, "Selection Vendor", 4);
  await seedClaims(tenant.id, "Other Vendor", 2);
  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/claims?vendor=Selection+Vendor");
  const rows = page.getByTestId("row-select");
  await expect(rows).toHaveCount(4);
  const bar = page.getByTestId("selection-export");
  await expect(bar.getByRole("button", { name: "Export the selection (CSV)" })).toBeDisabled();

  await rows.nth(0).click();
  await rows.nth(2).click({ modifiers: ["Shift"] });
  await expect(bar).toContainText("3 claims selected");
  const csvDownload = page.waitForEvent("download");
  await bar.getByRole("button", { name: "Export the selection (CSV)" }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(
    /^certdesk-claims-3-selected-vendor-selection-vendor-\d{4}-\d\d-\d\d\.csv$/,
  );
  const lines = fs
    .readFileSync((await csv.path())!, "utf8")
    .trim()
    .split("\n");
  expect(lines[0]).toBe('"# Certdesk claims: 3 selected claims"');
  expect(lines[1]).toBe('"# Filter: vendor-Selection Vendor"');
  expect(lines[3]).toMatch(/^claim_id,cert_id,vendor,reference,/);
  expect(lines.slice(4).map((line) => line.split(",")[3])).toEqual(
    [0, 1, 2].map((n) => `"ref-${marker}-${n}"`),
  );

  // All matching the filter (the claims still to review), as the decision bar selects them.
  await page.getByRole("button", { name: "Select all 4 matching claims to review" }).click();
  await expect(bar).toContainText("4 claims selected");
  const allDownload = page.waitForEvent("download");
  await bar.getByRole("button", { name: "Export the selection (CSV)" }).click();
  const all = await allDownload;
  expect(all.suggestedFilename()).toMatch(/^certdesk-claims-all-to-review-vendor-selection-vendor-/);
  const allLines = fs
    .readFileSync((await all.path())!, "utf8")
    .trim()
    .split("\n");
  expect(allLines[0]).toBe('"# Certdesk claims: all 4 claims to review matching the filter"');
  expect(allLines).toHaveLength(8);
  // "All matching" is for CSV: a bundle is made of ticked rows, and says so.
  await bar.getByRole("button", { name: "Evidence bundle of the selection" }).click();
  await expect(bar.getByRole("alert")).toContainText("A bundle is made of rows you tick");

  // A bundle of two ticked rows, after a confirmation that counts them.
  await page.getByLabel("Select every claim on this page").click();
  await page.getByLabel("Select every claim on this page").click();
  await rows.nth(1).click();
  await rows.nth(3).click();
  await bar.getByRole("button", { name: "Evidence bundle of the selection" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Download one evidence bundle (ZIP) of 2 claims?");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await bar.getByRole("button", { name: "Evidence bundle of the selection" }).click();
  const zipDownload = page.waitForEvent("download");
  await page.getByRole("alertdialog").getByRole("button", { name: "Download the bundle" }).click();
  const zip = await zipDownload;
  expect(zip.suggestedFilename()).toMatch(/\.zip$/);
  const bytes = fs.readFileSync((await zip.path())!);
  expect(bytes.subarray(0, 2).toString()).toBe("PK");

  const audits = await systemDb.auditEntry.findMany({
    where: { tenantId: tenant.id, action: { in: ["claims.exported", "bundle.downloaded"] } },
  });
  expect(audits.filter((a) => a.action === "claims.exported")).toHaveLength(2);
  expect(audits.filter((a) => a.action === "bundle.downloaded")).toHaveLength(2);
});

test("the selection endpoint refuses huge and malformed selections in words", async ({ page }) => {
  const { owner } = await createTenantWithOwner("Selection Limits");
  await signIn(page, owner.email, TEST_PASSWORD);
  const tooMany = Array.from({ length: 1001 }, () => crypto.randomUUID()).join(",");
  const refused = await page.request.post("/claims/export-selection", { form: { ids: tooMany } });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("Export at most 1,000 selected claims");
  const empty = await page.request.post("/claims/export-selection", { form: { filter: "" } });
  expect(empty.status()).toBe(400);
  expect(await empty.text()).toBe("Select at least one claim to export.");
  const badFilter = await page.request.post("/claims/export-selection", {
    form: { allMatching: "1", filter: "bot=%3D1%2B1" },
  });
  expect(badFilter.status()).toBe(400);
  const huge = await page.request.post("/claims/export-selection", { form: { ids: "x".repeat(70_000) } });
  expect(huge.status()).toBe(413);
});
