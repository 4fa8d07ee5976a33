import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { E2E } from "./support/e2e-env";
import {
  addUserToTenant,
  createTenantWithOwner,
  setTrustedFormApi,
  expect,
  signIn,
  test,
  TEST_PASSWORD,
} from "./support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.trustedformPort}`;
const PAGE =
  "By clicking Get my quote, I consent to be contacted on behalf of Mortgage Acme at the telephone number provided.";

async function sandboxPost<T>(path: string, body: object): Promise<T> {
  return (await (
    await fetch(`${SANDBOX}${path}`, { method: "POST", body: JSON.stringify(body) })
  ).json()) as T;
}

test("a reviewer claims with a policy of a template and a wildcard, sees each term, filters, accepts and rejects", async ({
  page,
}) => {
  test.setTimeout(180_000); // a long walk: a policy, four claims, filters, decisions and a second user
  const { actor, owner, tenant } = await createTenantWithOwner("Claims Tenant");
  await setTrustedFormApi(tenant.id, "3.0");
  const account = await sandboxPost<{ api_key: string }>("/sandbox/accounts", { balance: 20 });
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const good = await sandboxPost<{ cert_url: string; cert_id: string }>("/sandbox/certificates", {
    page_text: PAGE,
    email: "pat@example.com",
    phone: "512-789-1111",
  });
  const bad = await sandboxPost<{ cert_url: string }>("/sandbox/certificates", {
    page_text: `${PAGE} Win a free iPhone!`,
    email: "sam@example.com",
  });

  await signIn(page, owner.email, TEST_PASSWORD);

  // A policy with a template and a wildcard, previewed before saving.
  await page.goto("/settings/policies");
  const editor = page.getByRole("region", { name: "New policy" });
  await editor.getByLabel("Name").fill("Mortgage consent");
  await editor
    .getByLabel("Required terms")
    .fill(
      "on behalf of {{company}} at the telephone number\n  company=Acme Co.\n  company=Mortgage Acme\nby clicking {{*}} i consent\nterms of service",
    );
  await editor.getByLabel("Forbidden terms").fill("free iphone");
  await editor.getByLabel("Preview: paste a page's text").fill(PAGE);
  const preview = editor.getByTestId("policy-preview");
  await expect(preview).toContainText("found required: on behalf of {{company}} at the telephone number");
  await expect(preview).toContainText("not found required: terms of service");
  await expect(preview).toContainText("Outcome: failure");
  await editor
    .getByLabel("Required terms")
    .fill(
      "on behalf of {{company}} at the telephone number\n  company=Acme Co.\n  company=Mortgage Acme\nby clicking {{*}} i consent",
    );
  await expect(preview).toContainText("Outcome: success");
  await editor.getByLabel("Default policy").check();
  await editor.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByRole("region", { name: "Policy Mortgage consent" })).toBeVisible();

  // Claim one with the default policy.
  await page.goto("/claims/new");
  await expect(page.getByLabel("Scan policy")).toHaveValue(/.+/);
  await page.getByLabel("Certificate URL").fill(good.cert_url);
  await page.getByLabel("Lead email").fill("Pat@Example.com");
  await page.getByLabel("Lead phone").fill("(512) 789-1111");
  await page.getByLabel("Vendor").fill("Acme Leads");
  await page.getByLabel("Reference (your lead id)").fill("L-100");
  await page.getByRole("button", { name: "Claim certificate" }).click();
  await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
  const scans = page.getByTestId("scan-results");
  await expect(
    scans.getByRole("row", { name: /on behalf of \{\{company\}\} at the telephone number required found$/ }),
  ).toBeVisible();
  await expect(
    scans.getByRole("row", { name: /by clicking \{\{\*\}\} i consent required found$/ }),
  ).toBeVisible();
  await expect(scans.getByRole("row", { name: /free iphone forbidden not found$/ })).toBeVisible();
  await expect(page.getByTestId("fingerprints").getByText("matches")).toHaveCount(2);
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("decision")).toContainText(`Accepted by ${owner.email}`);

  // A second claim whose page has a forbidden term; the same certificate cannot be claimed twice.
  await page.goto("/claims/new");
  await page.getByLabel("Certificate URL").fill(good.cert_url);
  await page.getByRole("button", { name: "Claim certificate" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("already claimed by this tenant");
  await page.getByLabel("Certificate URL").fill(bad.cert_url);
  await page.getByLabel("Lead email").fill("someone.else@example.com");
  await page.getByLabel("Vendor").fill("Shady Leads");
  await page.getByRole("button", { name: "Claim certificate" }).click();
  await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
  await expect(
    page.getByTestId("scan-results").getByRole("row", { name: /free iphone forbidden found$/ }),
  ).toBeVisible();
  await expect(page.getByText("A forbidden term is on the page.")).toBeVisible();
  await expect(
    page.getByText("The lead's email and phone do not match what was typed into the form."),
  ).toBeVisible();
  await page.getByRole("button", { name: "Reject" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText(
    "Say why the claim is rejected (a few words).",
  );
  await page.getByLabel("Reason (required to reject)").fill("Forbidden incentive on the page");
  await page.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByTestId("decision")).toContainText("Rejected by");
  await expect(page.getByTestId("decision")).toContainText("Forbidden incentive on the page");

  // A foreign host is refused before anything is sent.
  await page.goto("/claims/new");
  await page.getByLabel("Certificate URL").fill(`https://cert.trustedform.com.evil.example/${good.cert_id}`);
  await page.getByRole("button", { name: "Claim certificate" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText(
    `Only certificate URLs that start with ${SANDBOX}/ are claimed`,
  );

  // The review table and its filters.
  await page.goto("/claims");
  const table = page.getByTestId("claims-table");
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await page.getByLabel("Outcome").selectOption("failure");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table).toContainText("Shady Leads");
  await page.goto("/claims?mismatch=yes");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await page.goto("/claims?vendor=Acme+Leads");
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await expect(table).toContainText("accepted");
  const csv = await (await page.request.get("/claims/export?outcome=failure")).text();
  expect(csv.trim().split("\n")).toHaveLength(2);
  expect(csv).toContain("Shady Leads");
  expect(csv).not.toMatch(/someone\.else@example\.com/);

  // A viewer reads claims but cannot claim.
  const { user: viewer } = await addUserToTenant(actor.tenantId, "viewer");
  await page.context().clearCookies();
  await signIn(page, viewer.email, TEST_PASSWORD);
  await page.goto("/claims");
  await expect(page.getByRole("link", { name: "Claim a certificate" })).toHaveCount(0);
  expect((await page.goto("/claims/new"))?.status()).toBe(403);
});

test("a claim whose 201 answer Certdesk cannot fully read is shown as claimed, with a note and what was unreadable", async ({
  page,
}) => {
  const { actor, owner, tenant } = await createTenantWithOwner("Odd Answers Tenant");
  await setTrustedFormApi(tenant.id, "3.0");
  const account = await sandboxPost<{ api_key: string }>("/sandbox/accounts", { balance: 5 });
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const readable = await sandboxPost<{ cert_url: string }>("/sandbox/certificates", {
    page_text: PAGE,
    email: "pat@example.com",
  });
  const odd = await sandboxPost<{ cert_url: string }>("/sandbox/certificates", { page_text: PAGE });
  await signIn(page, owner.email, TEST_PASSWORD);

  // A consent+data answer: the certificate's facts, versions and input methods included, are shown.
  await page.goto("/claims/new");
  await page.getByLabel("Certificate URL").fill(readable.cert_url);
  await page.getByLabel("Lead email").fill("pat@example.com");
  await page.getByRole("button", { name: "Claim certificate" }).click();
  await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
  const facts = page.getByTestId("certificate-facts");
  await expect(facts).toContainText("Chrome 131.0.6778.86");
  await expect(facts).toContainText("Windows 10.0");
  await expect(facts).toContainText("typing, desktop");
  await expect(facts).toContainText("Masked certificate URL");

  // An answer of a shape Certdesk has never seen: claimed (billed), never "failed", with everything it could not read.
  await fetch(`${SANDBOX}/sandbox/accounts/${account.api_key}`, {
    method: "PATCH",
    body: JSON.stringify({
      faults: {
        endpoints: { claim: { answerBody: JSON.stringify({ outcome: "accepted", cert: { browser: 131 } }) } },
      },
    }),
  });
  await page.goto("/claims/new");
  await page.getByLabel("Certificate URL").fill(odd.cert_url);
  await page.getByLabel("Lead email").fill("pat@example.com");
  await page.getByRole("button", { name: "Claim certificate" }).click();
  await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
  await expect(page.getByText("claimed, to review")).toBeVisible();
  await expect(page.getByTestId("claim-note")).toContainText("so the claim was made and billed");
  await expect(page.getByTestId("no-fingerprint-result")).toBeVisible();
  await expect(page.getByTestId("unreadable")).toContainText(
    "outcome: a text other than success, failure or error",
  );
  await expect(page.getByTestId("unreadable")).toContainText("cert.browser: a number, expected an object");
  // What a sandbox host answered is kept, not echoed (only cert.trustedform.com's raw answers are shown).
  await expect(page.getByTestId("raw-response")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Accept" })).toBeVisible();
});
