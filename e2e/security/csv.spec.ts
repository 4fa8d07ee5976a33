// Bulk claim files that used to fail badly: over the server action's body limit (a React error and nothing said),
// in Latin-1 (read with replacement characters and stored), or with one over-long cell (the whole file refused).
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { systemDb } from "@/lib/db/client";
import { E2E } from "../support/e2e-env";
import { createTenantWithOwner, signIn, TEST_PASSWORD } from "../support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.trustedformPort}`;
const MB = 1024 * 1024;

async function sandboxPost<T>(path: string, body: object): Promise<T> {
  return (await (
    await fetch(`${SANDBOX}${path}`, { method: "POST", body: JSON.stringify(body) })
  ).json()) as T;
}

async function bulkTenant() {
  const { actor, owner } = await createTenantWithOwner();
  await systemDb.tenant.update({ where: { id: actor.tenantId }, data: { trustedformApiVersion: "v3_0" } });
  const account = await sandboxPost<{ api_key: string }>("/sandbox/accounts", { balance: 100 });
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  return { owner };
}

/** Every POST the page sends (server actions are POSTs): none may leave for a file refused in the browser. */
function recordPosts(page: Page): string[] {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  return posts;
}

const choose = (page: Page, name: string, buffer: Buffer) =>
  page.getByLabel("CSV file with a header row").setInputFiles({ name, mimeType: "text/csv", buffer });

/** Large files go by path: the browser reads them from disk instead of receiving megabytes over the protocol. */
function chooseFromDisk(page: Page, file: string, parts: Buffer[]) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat(parts));
  return page.getByLabel("CSV file with a header row").setInputFiles(file);
}

test("files over the limits or not in UTF-8 are refused in the browser, in words, and nothing is sent", async ({
  page,
}, testInfo) => {
  const { owner } = await bulkTenant();
  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/claims/bulk");
  // The limits are on the page before any file is chosen.
  await expect(page.getByTestId("bulk-limits")).toContainText("At most 50,000 rows and 20 MB per file");
  const posts = recordPosts(page);
  const alert = page.locator("main").getByRole("alert");

  // 26 MB: over the 25 MB a server action accepts.
  await chooseFromDisk(page, testInfo.outputPath("big.csv"), [
    Buffer.from("cert_url\n"),
    Buffer.alloc(26 * MB, "a\n"),
  ]);
  await expect(alert).toContainText(
    "big.csv is 26 MB; a bulk claim file can be at most 20 MB and 50,000 rows.",
  );
  await expect(alert).toContainText("Nothing was sent.");

  // 50,001 rows in a small file.
  await choose(page, "many.csv", Buffer.from(`cert_url\n${"x\n".repeat(50_001)}`));
  await expect(alert).toContainText("many.csv has 50,001 data rows; a batch holds at most 50,000.");

  // "Café" saved in ISO-8859-1: the é is the single byte 0xE9.
  const latin1 = Buffer.from("cert_url,vendor\nhttps://cert.trustedform.com/x,Café Leads\n", "latin1");
  await choose(page, "latin1.csv", latin1);
  await expect(alert).toContainText("latin1.csv: The file is not valid UTF-8: byte 0xE9 on line 2");
  await expect(alert).toContainText("Latin-1");
  await expect(page.getByRole("button", { name: "Check the rows" })).toHaveCount(0);

  // Under 20 MB on disk, but over what one request carries once sent (JSON doubles every backslash).
  const line = `https://cert.trustedform.com/${"\\".repeat(1000)}\n`;
  await chooseFromDisk(page, testInfo.outputPath("escapes.csv"), [
    Buffer.from(`cert_url\n${line.repeat(13_000)}`),
  ]);
  await expect(page.getByText("escapes.csv: 13000 data rows")).toBeVisible();
  await page.getByRole("button", { name: "Check the rows" }).click();
  await expect(alert).toContainText("over the 24 MB one request can carry");

  expect(posts).toEqual([]);
});

test("one over-long cell refuses its row only, with the row number and reason; the others are queued", async ({
  page,
}) => {
  const { owner } = await bulkTenant();
  const certs = await Promise.all(
    [1, 2, 3].map(() =>
      sandboxPost<{ cert_url: string }>("/sandbox/certificates", { page_text: "I consent to be contacted." }),
    ),
  );
  const csv = [
    "TrustedForm Cert URL,Lead ID,Vendor",
    `${certs[0]!.cert_url},LEAD-1,Acme Leads`,
    `${certs[1]!.cert_url},${"R".repeat(5000)},Acme Leads`,
    `${certs[2]!.cert_url},LEAD-3,Acme Leads`,
  ].join("\n");

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/claims/bulk");
  await choose(page, "leads.csv", Buffer.from(csv));
  await expect(page.getByText("leads.csv: 3 data rows")).toBeVisible();
  await page.getByRole("button", { name: "Check the rows" }).click();
  await expect(page.getByTestId("bulk-summary")).toContainText(
    "2 certificates will be claimed, and billed by TrustedForm. 1 rows are refused",
  );
  const refused = page.getByTestId("refused-rows").locator("tbody tr");
  await expect(refused).toHaveCount(1);
  await expect(refused.first().locator("td").first()).toHaveText("2");
  await expect(refused.first()).toContainText("The reference is 5,000 characters long; at most 200.");

  await page.getByRole("button", { name: "Claim 2 certificates" }).click();
  await page
    .getByRole("dialog", { name: "Confirm the bulk claim" })
    .getByRole("button", { name: "Claim 2" })
    .click();
  await expect(page).toHaveURL(/\/claims\/batches\/[0-9a-f-]{36}$/);
  await expect(page.getByText("3 rows: 2 sent to TrustedForm, 1 refused.")).toBeVisible();
  const batchRefused = page.getByTestId("batch-refused").locator("tbody tr");
  await expect(batchRefused).toHaveCount(1);
  await expect(batchRefused.first()).toContainText("The reference is 5,000 characters long; at most 200.");
  await expect(page.getByTestId("batch-done")).toHaveText("2 of 2 settled", { timeout: 60_000 });
});
