import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { saveScanPolicy } from "@/lib/claims/save-scan-policy";
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

test("on TrustedForm 4.0, a bulk batch of 100 mixed rows from the demo form variants ends with the right counts per outcome and verdict", async ({
  page,
}) => {
  const { actor, owner } = await createTenantWithOwner("Bulk 4.0 Tenant");
  await systemDb.tenant.update({ where: { id: actor.tenantId }, data: { trustedformApiVersion: "v4_0" } });
  const account = await sandboxPost<{ api_key: string }>("/sandbox/accounts", { balance: 200 });
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  await saveScanPolicy(actor, {
    name: "Consent review",
    requiredText: "",
    forbiddenText: "",
    isDefault: false,
    v4: {
      insightsProperties: ["bot_detected", "seconds_on_page"],
      verify: true,
      verifyAdvertiserName: "Acme Mortgage",
      verifyMinFontSizePx: "12",
      verifyMinContrastRatio: "4.5",
      verifyOptInTypes: ["manual", "non-interactive"],
      rules: [
        { kind: "no_bot_detected" },
        { kind: "one_to_one_consent" },
        { kind: "consent_language_approved" },
        { kind: "min_seconds_on_page", seconds: 10 },
        { kind: "lead_matched" },
      ],
    },
  });
  // 10 certificates of each of 9 variants, 5 whose lead does not match, 5 sandboxed (refused by TrustedForm).
  // [variant, outcome, verdict] by the sandbox README's variant table and the policy's rules.
  const variants = [
    ["approved", "success", "pass"],
    ["non-interactive", "success", "pass"],
    ["bot", "success", "fail"],
    ["unapproved", "failure", "fail"],
    ["many-advertisers", "failure", "fail"],
    ["no-tags", "failure", "fail"],
    ["no-consent", "failure", "fail"],
    ["preselected", "failure", "pass"],
    ["tiny-text", "failure", "pass"],
  ] as const;
  const specs = [
    ...variants.flatMap(([variant]) =>
      Array.from({ length: 10 }, () => ({ variant, email: "lead@example.com" })),
    ),
    ...Array.from({ length: 5 }, () => ({ variant: "approved", email: "someone-else@example.com" })),
    ...Array.from({ length: 5 }, () => ({ variant: "approved", email: "lead@example.com", sandbox: true })),
  ];
  const certs = await Promise.all(
    specs.map((spec) =>
      sandboxPost<{ cert_id: string; cert_url: string }>("/sandbox/certificates", {
        ...spec,
        email: "lead@example.com",
      }),
    ),
  );
  const csv = [
    "TrustedForm Cert URL,Email,Lead ID",
    ...certs.map((cert, i) => `${cert.cert_url},${specs[i]!.email},LEAD-${i}`),
  ].join("\n");

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/claims/bulk");
  await page
    .getByLabel("CSV file with a header row")
    .setInputFiles({ name: "v4.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByText("v4.csv: 100 data rows")).toBeVisible();
  await page.getByLabel("Scan policy").selectOption({ label: "Consent review" });
  await page.getByRole("button", { name: "Check the rows" }).click();
  await expect(page.getByTestId("bulk-summary")).toContainText(
    "100 certificates will be claimed, and billed by TrustedForm. 0 rows are refused",
  );
  await page.getByRole("button", { name: "Claim 100 certificates" }).click();
  await page
    .getByRole("dialog", { name: "Confirm the bulk claim" })
    .getByRole("button", { name: "Claim 100" })
    .click();
  await expect(page).toHaveURL(/\/claims\/batches\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("batch-done")).toHaveText("100 of 100 settled", { timeout: 60_000 });
  await expect(page.getByTestId("batch-status")).toHaveText("Complete");
  await page.reload();
  // Success: approved, non-interactive, bot. Failure: six variants and the unmatched leads. Not claimed: sandboxed.
  const counts = page.getByTestId("batch-counts");
  await expect(counts).toContainText("Success30");
  await expect(counts).toContainText("Failure65");
  await expect(counts).toContainText("Not claimed5");
  await expect(counts).toContainText("Answer lost0");
  await expect(page.getByTestId("batch-verdicts")).toContainText("Verdict: pass40");
  await expect(page.getByTestId("batch-verdicts")).toContainText("Verdict: fail55");

  const results = (await (await page.request.get(`${page.url()}/results`)).text()).trim().split("\n");
  expect(results).toHaveLength(101);
  const cells = results.slice(1).map((line) => line.slice(1, -1).split('","'));
  const header = results[0]!.split(",");
  const column = (name: string) => cells.map((row) => row[header.indexOf(name)]);
  const expected = specs.map((spec, i) =>
    "sandbox" in spec
      ? ["failed", ""]
      : spec.email !== "lead@example.com"
        ? ["failure", "fail"]
        : [variants[Math.floor(i / 10)]![1], variants[Math.floor(i / 10)]![2]],
  );
  expect(column("result").map((result, i) => [result, column("verdict")[i]])).toEqual(expected);
  expect(new Set(column("api_version"))).toEqual(new Set(["4.0"]));
  for (const [i, cert] of certs.entries()) {
    const stored = (await (await fetch(`${SANDBOX}/sandbox/certificates/${cert.cert_id}`)).json()) as {
      v4_requests: unknown[];
    };
    expect(stored.v4_requests).toHaveLength("sandbox" in specs[i]! ? 0 : 1);
  }
});
