import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { systemDb } from "@/lib/db/client";
import { E2E } from "./support/e2e-env";
import { createTenantWithOwner, expect, signIn, test, TEST_PASSWORD } from "./support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.trustedformPort}`;

async function sandboxPost<T>(path: string, body: object): Promise<T> {
  return (await (
    await fetch(`${SANDBOX}${path}`, { method: "POST", body: JSON.stringify(body) })
  ).json()) as T;
}

test("a CSV of 50 rows with 5 bad ones: 45 claimed, 5 refused with reasons, progress to the end, results downloadable", async ({
  page,
}) => {
  const { actor, owner } = await createTenantWithOwner("Bulk Tenant");
  await systemDb.tenant.update({ where: { id: actor.tenantId }, data: { trustedformApiVersion: "v3_0" } });
  const account = await sandboxPost<{ api_key: string }>("/sandbox/accounts", { balance: 100 });
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const certs = await Promise.all(
    Array.from({ length: 45 }, (_, i) =>
      sandboxPost<{ cert_id: string; cert_url: string }>("/sandbox/certificates", {
        page_text: "I consent to be contacted.",
        email: `lead${i}@example.com`,
      }),
    ),
  );

  const lines = certs.map(
    (cert, i) =>
      `${cert.cert_url},lead${i}@example.com,512-555-${String(1000 + i)},LEAD-${i},${i % 2 ? "Acme Leads" : "Beta Media"}`,
  );
  lines.splice(5, 0, "not a url,bad@example.com,,LEAD-X1,Acme Leads");
  lines.splice(
    12,
    0,
    `https://cert.trustedform.com.evil.example/${"a".repeat(40)},x@example.com,,LEAD-X2,Acme Leads`,
  );
  lines.splice(20, 0, ",y@example.com,,LEAD-X3,Acme Leads");
  lines.splice(
    30,
    0,
    `${(await sandboxPost<{ cert_url: string }>("/sandbox/certificates", { page_text: "x" })).cert_url},not-an-email,,LEAD-X4,Acme Leads`,
  );
  lines.push(`${certs[7]!.cert_url},dup@example.com,,LEAD-X5,Acme Leads`);
  const csv = ["TrustedForm Cert URL,Email,Phone,Lead ID,Vendor", ...lines].join("\n");
  expect(lines).toHaveLength(50);

  await signIn(page, owner.email, TEST_PASSWORD);
  // The tenant's setting: how many claims are in flight at once.
  await page.goto("/settings/policies");
  await page.getByLabel("Bulk claims in flight at once").fill("4");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Bulk claims now send 4 claims at a time.")).toBeVisible();
  await page.goto("/claims");
  await page.getByRole("link", { name: "Bulk claim (CSV)" }).click();
  await page
    .getByLabel("CSV file with a header row")
    .setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByText("leads.csv: 50 data rows")).toBeVisible();
  await expect(page.getByLabel("Certificate URL")).toHaveValue("TrustedForm Cert URL");
  await expect(page.getByLabel("Reference")).toHaveValue("Lead ID");
  await page.getByRole("button", { name: "Check the rows" }).click();
  const summary = page.getByTestId("bulk-summary");
  await expect(summary).toContainText(
    "45 certificates will be claimed, and billed by TrustedForm. 5 rows are refused",
  );
  const refused = page.getByTestId("refused-rows").locator("tbody tr");
  await expect(refused).toHaveCount(5);
  await expect(page.getByTestId("refused-rows")).toContainText("contains spaces");
  await expect(page.getByTestId("refused-rows")).toContainText("Only certificate URLs that start with");
  await expect(page.getByTestId("refused-rows")).toContainText("The certificate URL is missing.");
  await expect(page.getByTestId("refused-rows")).toContainText(
    '"not-an-email" is not a valid email address.',
  );
  await expect(page.getByTestId("refused-rows")).toContainText("The same certificate is on row");

  await page.getByRole("button", { name: "Claim 45 certificates" }).click();
  await page
    .getByRole("dialog", { name: "Confirm the bulk claim" })
    .getByRole("button", { name: "Claim 45" })
    .click();
  await expect(page).toHaveURL(/\/claims\/batches\/[0-9a-f-]{36}$/);
  await expect(page.getByText("4 claims in flight at once")).toBeVisible();
  await expect(page.getByTestId("batch-done")).toHaveText("45 of 45 settled", { timeout: 60_000 });
  await expect(page.getByTestId("batch-status")).toHaveText("Complete");
  await page.reload();
  await expect(page.getByTestId("batch-done")).toHaveText("45 of 45 settled");
  await expect(page.getByTestId("batch-counts")).toContainText("Success45");
  await expect(page.getByTestId("batch-refused").locator("tbody tr")).toHaveCount(5);

  const results = await (await page.request.get(`${page.url()}/results`)).text();
  const rows = results.trim().split("\n");
  expect(rows).toHaveLength(51);
  expect(rows.filter((row) => row.includes('"refused"'))).toHaveLength(5);
  expect(rows.filter((row) => row.includes('"success"'))).toHaveLength(45);
  for (const cert of certs) {
    const stored = (await (await fetch(`${SANDBOX}/sandbox/certificates/${cert.cert_id}`)).json()) as {
      claims: unknown[];
    };
    expect(stored.claims).toHaveLength(1);
  }

  const batchId = page.url().split("/").pop()!;
  await page.getByRole("link", { name: "Review these claims" }).click();
  await expect(page.getByTestId("claims-table").locator("tbody tr")).toHaveCount(45);
  // Filtering from there keeps to the batch.
  const filters = page.getByRole("form", { name: "Filter claims" });
  await filters.getByLabel("Outcome").selectOption("success");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]batch=${batchId}(&|$)`));
  await expect(page).toHaveURL(/[?&]outcome=success(&|$)/);
  await expect(page.getByTestId("claims-table").locator("tbody tr")).toHaveCount(45);
});
