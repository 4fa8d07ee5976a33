// An admin creates an API token in Settings, a script claims with it over HTTP, and the claim appears in the UI under
// the token's name; revoking the token in the UI refuses the next call.
import crypto from "node:crypto";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { E2E } from "./support/e2e-env";
import {
  createTenantWithOwner,
  expect,
  setTrustedFormApi,
  signIn,
  test,
  TEST_PASSWORD,
} from "./support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.trustedformPort}`;

async function sandboxPost<T>(path: string, body: object): Promise<T> {
  return (await (
    await fetch(`${SANDBOX}${path}`, { method: "POST", body: JSON.stringify(body) })
  ).json()) as T;
}

test("an admin creates a token, a script claims with it, and the claim shows the token's name", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { actor, owner, tenant } = await createTenantWithOwner("API Tenant");
  await setTrustedFormApi(tenant.id, "3.0");
  const account = await sandboxPost<{ api_key: string }>("/sandbox/accounts", { balance: 20 });
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const certificate = await sandboxPost<{ cert_url: string; cert_id: string }>("/sandbox/certificates", {
    page_text: "I consent to be contacted by Acme.",
    email: "pat@example.com",
  });

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/settings");
  await page.getByRole("link", { name: /API tokens/ }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await page.getByLabel("Name").fill("Lead intake");
  await page.getByRole("button", { name: "Claims only" }).click();
  await expect(page.getByRole("checkbox", { name: /claims:write/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /certifications:write/ })).not.toBeChecked();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByLabel("New token").inputValue()).trim();
  expect(token).toMatch(/^cdk_/);
  await expect(page.getByTestId("tokens-table")).toContainText("Lead intake");

  // The script: a plain HTTP client with the token.
  const claim = await fetch(`${E2E.appUrl}/api/v1/claims`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "idempotency-key": crypto.randomUUID(),
    },
    body: JSON.stringify({ certUrl: certificate.cert_url, vendor: "API Vendor", reference: "API-1" }),
  });
  expect(claim.status).toBe(201);
  const created = (await claim.json()) as { id: string; status: string };
  expect(created.status).toBe("claimed");

  await page.goto("/claims");
  await expect(page.getByText("API-1")).toBeVisible();
  await page.goto(`/claims/${created.id}`);
  await expect(page.getByText('API token "Lead intake"').first()).toBeVisible();
  await page.goto("/settings/audit");
  await expect(page.getByText('API token "Lead intake"').first()).toBeVisible();

  // Revoked in the UI: the next call is refused.
  await page.goto("/settings/tokens");
  await expect(page.getByTestId("tokens-table")).not.toContainText("Never");
  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("button", { name: "Revoke token" }).click();
  await expect(page.getByTestId("tokens-table")).toContainText("Revoked");
  const refused = await fetch(`${E2E.appUrl}/api/v1/claims`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(refused.status).toBe(401);
  expect(refused.headers.get("content-type")).toBe("application/problem+json");

  // The reference and its OpenAPI document.
  await page.goto("/developers");
  await expect(page.getByTestId("api-endpoints")).toContainText("/api/v1/claims");
  const openapi = await fetch(`${E2E.appUrl}/api/v1/openapi.json`);
  expect(((await openapi.json()) as { openapi: string }).openapi).toBe("3.1.0");
});
