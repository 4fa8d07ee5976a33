// TrustedForm 4.0 in Chromium: an admin switches the tenant to 4.0 and sets a policy with Verify criteria and a bot
// rule; a reviewer claims three certificates from the demo form's variants and reads each result in words.
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { E2E } from "./support/e2e-env";
import {
  addUserToTenant,
  createTenantWithOwner,
  expect,
  setTrustedFormApi,
  signIn,
  signOut,
  test,
  TEST_PASSWORD,
} from "./support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.trustedformPort}`;

async function sandboxPost<T>(path: string, body: unknown): Promise<T> {
  return (await (
    await fetch(`${SANDBOX}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
  ).json()) as T;
}

test("an admin switches to 4.0 with a Verify policy and a bot rule; a reviewer claims three variants and reads each result", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { actor, owner, tenant } = await createTenantWithOwner("Verify Tenant");
  await setTrustedFormApi(tenant.id, "3.0");
  const account = await sandboxPost<{ api_key: string }>("/sandbox/accounts", { balance: 20 });
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const reviewer = await addUserToTenant(tenant.id, "reviewer");
  const lead = { email: "pat@example.com", phone: "512-789-1111" };
  const certificate = (variant: string) =>
    sandboxPost<{ cert_url: string }>("/sandbox/certificates", { variant, ...lead });
  const approved = await certificate("approved");
  const bot = await certificate("bot");
  const unapproved = await certificate("unapproved");

  // The admin switches the tenant to 4.0 (confirmed in a dialog) and writes the policy.
  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/settings/policies");
  await expect(page.getByTestId("api-version-current")).toContainText("3.0");
  await page.getByRole("button", { name: "Switch to API 4.0" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Switch to 4.0" }).click();
  await expect(page.getByText("New claims now use TrustedForm API 4.0.")).toBeVisible();

  const editor = page.getByRole("region", { name: "New policy" });
  await editor.getByLabel("Name").fill("Verified consent");
  await editor.getByRole("button", { name: "Fraud basics" }).click();
  await expect(editor.getByText("4 selected")).toBeVisible();
  await editor.getByLabel("Verify consent (approved language, 1:1 consent)").check();
  await editor.getByLabel("Advertiser legal name (for 1:1 consent)").fill("Acme Mortgage");
  await editor.getByLabel("Minimum font size (px)").fill("12");
  await editor.getByLabel("Bot detected must be no").check();
  await editor.getByLabel("Consent language must be approved").check();
  await editor.getByLabel("Default policy").check();
  await editor.getByRole("button", { name: "Create policy" }).click();
  await expect(page.getByRole("region", { name: "Policy Verified consent" })).toBeVisible();
  await signOut(page);

  // The reviewer claims three certificates with the default policy.
  await signIn(page, reviewer.user.email, TEST_PASSWORD);
  const claim = async (certUrl: string) => {
    await page.goto("/claims/new");
    await page.getByLabel("Certificate URL").fill(certUrl);
    await page.getByLabel("Lead email").fill(lead.email);
    await page.getByLabel("Lead phone").fill(lead.phone);
    await page.getByRole("button", { name: "Claim certificate" }).click();
    await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
  };

  await claim(approved.cert_url);
  const outcome = page.getByTestId("v4-outcome");
  await expect(outcome).toContainText("success");
  await expect(outcome).toContainText("email matched, phone matched");
  await expect(outcome).toContainText(/Retained\s*until \d{1,2} [A-Z][a-z]{2} \d{4}/);
  await expect(page.getByTestId("v4-rules")).toContainText("passes the policy");
  await expect(page.getByTestId("v4-verify")).toContainText("yes: the form names exactly this advertiser");
  await expect(page.getByTestId("v4-bot")).toHaveText("No bot detected");

  await claim(bot.cert_url);
  await expect(page.getByTestId("v4-bot")).toHaveText("Bot detected");
  await expect(page.getByTestId("v4-rules")).toContainText("fails the policy");
  await expect(page.getByTestId("v4-rules")).toContainText("Bot detected: yes");
  await expect(page.getByTestId("v4-insights")).toContainText("autofill, paste");
  // Accepting against the verdict needs a reason.
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("fails its policy's rules");
  await page.getByLabel(/^Reason/).fill("Partner lead, checked by phone");
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("decision")).toContainText("Partner lead, checked by phone");

  await claim(unapproved.cert_url);
  await expect(outcome).toContainText("failure");
  await expect(outcome).toContainText("not approved in the account's consent language manager");
  await expect(page.getByTestId("v4-verify")).toContainText(/Language approved\s*no/);
  await expect(page.getByTestId("v4-rules")).toContainText("fails the policy");

  // The list tells them apart by version and verdict.
  await page.goto("/claims?version=4.0&verdict=fail");
  await expect(page.getByTestId("claims-table").locator("tbody tr")).toHaveCount(2);
  await page.goto("/claims?version=4.0&verdict=pass");
  await expect(page.getByTestId("claims-table").locator("tbody tr")).toHaveCount(1);
});
