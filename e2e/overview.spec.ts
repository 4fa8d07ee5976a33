// The overview at "/": seeded claims and certifications of one tenant (and more of another, on the same days, which
// must not show) give the exact numbers in the charts' tables, the charts draw, filters apply or are refused in
// words, and a tenant without data sees the empty state.
import crypto from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { systemDb } from "@/lib/db/client";
import { createTenantWithOwner, expect, signIn, test, TEST_PASSWORD } from "./support/fixtures";

const HOSTILE = `<img src=x onerror="document.title='pwned'">`;
const RANGE = "from=2026-03-01&to=2026-03-07";

function claims(tenantId: string, at: string, count: number, row: Partial<Prisma.ClaimCreateManyInput>) {
  return Array.from({ length: count }, () => ({
    tenantId,
    certId: crypto.randomBytes(20).toString("hex"),
    certUrl: "https://cert.trustedform.com/x",
    status: "claimed" as const,
    createdAt: new Date(at),
    ...row,
  }));
}

async function seed(tenantId: string, extra: number) {
  await systemDb.claim.createMany({
    data: [
      ...claims(tenantId, "2026-03-02T10:00:00Z", 3 + extra, { outcome: "success", vendor: "Acme" }),
      ...claims(tenantId, "2026-03-02T11:00:00Z", 1, {
        outcome: "failure",
        vendor: "Acme",
        forbiddenFound: 1,
      }),
      ...claims(tenantId, "2026-03-03T09:00:00Z", 2, {
        status: "failed",
        vendor: HOSTILE,
        errorMessage: "The API key was refused.",
      }),
      ...claims(tenantId, "2026-03-04T09:00:00Z", 1 + extra, { status: "unknown" }),
      ...claims(tenantId, "2026-03-05T09:00:00Z", 2, {
        apiVersion: "v4_0",
        outcome: "success",
        vendor: "Acme",
        oneToOne: false,
        botDetected: false,
        languageApproved: true,
        verdict: "fail",
        verdictRules: [
          { rule: { kind: "one_to_one_consent" }, passed: false, known: true, words: "1:1: no" },
        ],
      }),
    ],
  });
  await systemDb.certification.createMany({
    data: [
      {
        tenantId,
        title: "a",
        mode: "hash",
        fileCount: 1,
        status: "completed",
        creditsAmount: 2 + extra,
        createdAt: new Date("2026-03-03T12:00:00Z"),
      },
      {
        tenantId,
        title: "b",
        mode: "hash",
        fileCount: 1,
        status: "pending",
        creditsAmount: 1,
        createdAt: new Date("2026-03-04T12:00:00Z"),
      },
    ],
  });
}

test("the overview shows the tenant's exact numbers, draws its charts and applies or refuses filters", async ({
  page,
}) => {
  const a = await createTenantWithOwner("Overview A");
  const b = await createTenantWithOwner("Overview B");
  await seed(a.tenant.id, 0);
  await seed(b.tenant.id, 40);

  await signIn(page, a.owner.email, TEST_PASSWORD);
  await page.goto(`/?${RANGE}`);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("overview-freshness")).toHaveText(
    /^Numbers as of \d\d:\d\d UTC, exact: read from the database on this visit\.$/,
  );

  // The charts are drawn (recharts' svg), each named by its summary.
  for (const chart of ["chart-claims-per-day", "chart-vendors", "chart-credits", "chart-certifications"]) {
    // The chart's own svg (the legend's icons are small svgs of their own), with its bars drawn.
    await expect(page.getByTestId(chart).locator(".recharts-wrapper > svg.recharts-surface")).toHaveCount(1);
    await expect(page.getByTestId(chart).locator(".recharts-bar-rectangle path").first()).toBeVisible();
  }
  await expect(page.getByTestId("chart-claims-per-day")).toHaveAttribute(
    "aria-label",
    /^Claims per day from 2026-03-01 to 2026-03-07: 9 claims, 5 success, 1 failure, 2 not claimed, 1 queued, sending or answer lost; the busiest day was 2026-03-02 with 4\.$/,
  );

  // The numbers, opened from the keyboard.
  const perDay = page.getByRole("region", { name: "Claims per day, by outcome" });
  await perDay.getByText("Show the numbers").focus();
  await page.keyboard.press("Enter");
  const table = perDay.getByTestId("table-claims-per-day");
  await expect(table).toBeVisible();
  const row = (name: string) => table.getByRole("row", { name: new RegExp(`^${name}`) });
  await expect(row("2026-03-02")).toHaveText(["2026-03-02", "3", "1", "0", "0", "0", "4"].join(""));
  await expect(row("2026-03-03")).toHaveText(["2026-03-03", "0", "0", "2", "0", "0", "2"].join(""));
  await expect(row("All days")).toHaveText(["All days", "5", "1", "2", "1", "0", "9"].join(""));
  await expect(table.getByRole("row")).toHaveCount(6); // header, four days with claims, the total

  const vendors = page.getByRole("region", { name: "Outcome share by vendor" });
  await vendors.getByText("Show the numbers").click();
  await expect(vendors.getByTestId("table-vendors").getByRole("row")).toHaveText([
    /^Vendor/,
    "Acme6510083.3%",
    `${HOSTILE}200200.0%`,
    "(no vendor)100010.0%",
  ]);
  await expect(page).not.toHaveTitle("pwned");

  await expect(page.getByTestId("table-failure-reasons").getByRole("row")).toHaveText([
    /^Reason/,
    "The API key was refused.266.7%",
    "Forbidden consent terms found133.3%",
  ]);
  await expect(page.getByTestId("table-rule-failures").getByRole("row")).toHaveText([
    /^Rule/,
    "1:1 consent must be yes20",
  ]);
  await expect(page.getByTestId("v4-rates")).toContainText("1:1 consent false100.0% 2 of 2");
  await expect(page.getByTestId("v4-rates")).toContainText("Bot detected0.0% 0 of 2");
  const credits = page.getByRole("region", { name: "Credits spent per week" });
  await credits.getByText("Show the numbers").click();
  await expect(credits.getByTestId("table-credits").getByRole("row")).toHaveText([
    /^Week of/,
    "2026-02-2300",
    "2026-03-0232",
  ]);
  await expect(page.getByTestId("pending-work")).toContainText("Claims, answer lost1");
  await expect(page.getByTestId("pending-work")).toContainText("Certifications pending1");

  // One vendor, chosen in the filter form.
  await page.getByLabel("Vendor (claims only)").selectOption("Acme");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/vendor=Acme/);
  await expect(page.getByTestId("chart-claims-per-day")).toHaveAttribute(
    "aria-label",
    /: 6 claims, 5 success, 1 failure;/,
  );

  // Hostile filters are refused in words; the page still answers with the defaults.
  await page.goto(`/?from=2026-02-30&to=2026-03-07&vendor=${encodeURIComponent("x".repeat(300))}`);
  await expect(page.locator("main").getByRole("alert")).toHaveText(
    "The start date is not a calendar day, so it was not applied. The vendor is longer than 200 characters, so it was not applied.",
  );
  await expect(page.getByTestId("chart-claims-per-day")).toHaveAttribute(
    "aria-label",
    /2026-02-06 to 2026-03-07: 9 claims/,
  );
  await page.goto(`/?from=2000-01-01&to=2100-12-31`);
  await expect(page.locator("main").getByRole("alert")).toContainText("The range was longer than 366 days");
});

test("a tenant without data sees the empty state and zero pending work", async ({ page }) => {
  const { owner } = await createTenantWithOwner("Overview Empty");
  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/");
  await expect(
    page.getByRole("heading", {
      name: /^No claims or certifications from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d$/,
    }),
  ).toBeVisible();
  await expect(page.getByTestId("pending-work")).toContainText("Claims, answer lost0");
  await expect(page.locator("svg.recharts-surface")).toHaveCount(0);
});
