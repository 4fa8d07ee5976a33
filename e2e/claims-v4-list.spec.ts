import crypto from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { systemDb } from "@/lib/db/client";
import { createTenantWithOwner, expect, signIn, test, TEST_PASSWORD } from "./support/fixtures";

/** Claims as a 4.0 (or 3.0) answer leaves them, straight into the database, newest first in the given order. */
async function seedClaims(
  tenantId: string,
  rows: Array<Omit<Prisma.ClaimCreateManyInput, "tenantId" | "certId" | "certUrl" | "status">>,
) {
  const now = Date.now();
  await systemDb.claim.createMany({
    data: rows.map((row, i) => ({
      outcome: "success" as const,
      claimedAt: new Date(now - i * 60_000),
      createdAt: new Date(now - i * 60_000),
      ...row,
      tenantId,
      certId: crypto.randomBytes(20).toString("hex"),
      certUrl: "https://cert.trustedform.com/x",
      status: "claimed" as const,
    })),
  });
}

test("a reviewer filters 4.0 claims by bot, 1:1 consent, language and version, and exports their 4.0 columns", async ({
  page,
}) => {
  const { tenant, owner } = await createTenantWithOwner("Claims 4.0 List Tenant");
  const other = await createTenantWithOwner("Claims 4.0 Other Tenant");
  await seedClaims(tenant.id, [
    {
      vendor: "Bot Farm Leads",
      apiVersion: "v4_0",
      botDetected: true,
      oneToOne: true,
      languageApproved: true,
      fingerprintMatch: true,
      emailMatch: true,
      phoneMatch: true,
      secondsOnPage: 3,
      retainedUntil: new Date("2031-12-06T00:00:00Z"),
      verdict: "fail",
      verdictRules: [
        {
          rule: { kind: "no_bot_detected" },
          passed: false,
          known: true,
          words: "Bot detected: yes — failed",
        },
      ],
    },
    {
      vendor: "Shared Consent Leads",
      apiVersion: "v4_0",
      oneToOne: false,
      languageApproved: true,
      verdict: "fail",
    },
    {
      vendor: "Odd Wording Leads",
      apiVersion: "v4_0",
      oneToOne: true,
      languageApproved: false,
      verdict: "fail",
    },
    {
      vendor: "Clean Leads",
      apiVersion: "v4_0",
      botDetected: false,
      oneToOne: true,
      languageApproved: true,
      verdict: "pass",
    },
    { vendor: "Old Leads", apiVersion: "v3_0", fingerprintMatch: false },
  ]);
  await seedClaims(other.tenant.id, [
    {
      vendor: "Other Tenant Bots",
      apiVersion: "v4_0",
      botDetected: true,
      oneToOne: false,
      languageApproved: false,
    },
  ]);

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/claims");
  const table = page.getByTestId("claims-table");
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(5);
  await expect(table).not.toContainText("Other Tenant Bots");
  const botRow = rows.filter({ hasText: "Bot Farm Leads" });
  await expect(botRow).toContainText("4.0");
  await expect(botRow).toContainText("fails policy");
  await expect(botRow).toContainText("bot detected");
  await expect(rows.filter({ hasText: "Clean Leads" })).toContainText("passes policy");
  await expect(rows.filter({ hasText: "Old Leads" })).toContainText("3.0");

  const filterBy = async (label: string, expected: string) => {
    await page.goto("/claims");
    await page.getByLabel(label).check();
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(rows).toHaveCount(1);
    await expect(table).toContainText(expected);
  };
  await filterBy("Bot detected", "Bot Farm Leads");
  await expect(page).toHaveURL(/[?&]bot=yes/);
  await filterBy("1:1 consent false", "Shared Consent Leads");
  await expect(rows).toContainText("not 1:1");
  await filterBy("Language not approved", "Odd Wording Leads");
  await expect(rows).toContainText("language not approved");

  await page.goto("/claims");
  await page.getByLabel("API version").selectOption("3.0");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(1);
  await expect(table).toContainText("Old Leads");
  await page.getByLabel("API version").selectOption("4.0");
  await page.getByLabel("Policy verdict").selectOption("fail");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(3);
  await expect(table).not.toContainText("Clean Leads");

  // A link written before 4.0 still works, and shows as the lead match filter.
  await page.goto("/claims?mismatch=yes");
  await expect(rows).toHaveCount(1);
  await expect(table).toContainText("Old Leads");
  await expect(page.getByLabel("Lead match failed")).toBeChecked();

  // A value the filters do not know is refused in words, on the page and by the export.
  await page.goto("/claims?version=9.9");
  await expect(page.locator("main").getByRole("alert")).toHaveText("The API version filter is 3.0 or 4.0.");
  const refused = await page.request.get("/claims/export?bot=%3D1%2B1");
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toBe("The bot detected filter is yes or left out.");

  // The export of the filtered list: the 3.0 columns first, then the 4.0 ones.
  await page.goto("/claims");
  await page.getByLabel("API version").selectOption("4.0");
  await page.getByRole("button", { name: "Filter" }).click();
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(href).toContain("version=4.0");
  const csv = await (await page.request.get(href!)).text();
  const [header, ...lines] = csv.trim().split("\n");
  expect(header).toBe(
    "claim_id,cert_id,vendor,reference,status,outcome,required_found,required_total,forbidden_found,fingerprint_match,warnings,decision,claimed_at,error," +
      "api_version,verdict,failed_rules,email_match,phone_match,retained_until,bot_detected,one_to_one,language_approved,seconds_on_page",
  );
  expect(lines).toHaveLength(4);
  expect(csv).not.toContain("Old Leads");
  expect(csv).not.toContain("Other Tenant Bots");
  const bot = lines.find((line) => line.includes("Bot Farm Leads"))!;
  expect(bot).toMatch(
    /,"4\.0","fail","Bot detected: yes — failed","true","true","2031-12-06T00:00:00\.000Z","true","true","true","3"$/,
  );
});
