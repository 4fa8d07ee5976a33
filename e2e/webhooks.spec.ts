// Outgoing webhooks end to end: an admin registers a local receiver (allowed by the server's
// CERTDESK_WEBHOOK_ALLOWED_HOSTS), a claim settles in the UI, the receiver gets a webhook that the standardwebhooks
// library verifies with the secret shown once, the delivery log shows it, a test event and a replay arrive too, and
// another tenant's admin gets 404 for the endpoint.
import http from "node:http";
import { Webhook } from "standardwebhooks";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { E2E } from "./support/e2e-env";
import {
  createTenantWithOwner,
  expect,
  setTrustedFormApi,
  signIn,
  signOut,
  test,
  TEST_PASSWORD,
} from "./support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.trustedformPort}`;
const PAGE = "By clicking Get my quote, I consent to be contacted on behalf of Mortgage Acme.";

interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
}

async function sandboxPost<T>(path: string, body: object): Promise<T> {
  return (await (
    await fetch(`${SANDBOX}${path}`, { method: "POST", body: JSON.stringify(body) })
  ).json()) as T;
}

async function startReceiver(): Promise<{ received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        url: req.url ?? "",
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(E2E.webhookPort, "127.0.0.1", resolve));
  return {
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test("an admin's endpoint receives a signed webhook when a claim settles, and the delivery log shows it", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const receiver = await startReceiver();
  try {
    const { actor, owner, tenant } = await createTenantWithOwner("Webhooks Tenant");
    await setTrustedFormApi(tenant.id, "3.0");
    const account = await sandboxPost<{ api_key: string }>("/sandbox/accounts", { balance: 20 });
    await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
    await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
    const certificate = await sandboxPost<{ cert_url: string; cert_id: string }>("/sandbox/certificates", {
      page_text: PAGE,
      email: "pat@example.com",
    });

    await signIn(page, owner.email, TEST_PASSWORD);
    await page.goto("/settings");
    await page.getByRole("link", { name: /^Webhooks/ }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

    // A private address is refused in words.
    const url = `http://127.0.0.1:${E2E.webhookPort}/certdesk-hooks`;
    await page.getByLabel("Endpoint URL").fill("https://10.0.0.8/hooks");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "resolves to a private network address",
    );

    await page.getByLabel("Endpoint URL").fill(url);
    await page.getByLabel("Description").fill("Lead system");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = await page.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByRole("list", { name: "Webhook endpoints" })).toContainText(url);

    // A claim settles.
    await page.goto("/claims/new");
    await page.getByLabel("Certificate URL").fill(certificate.cert_url);
    await page.getByRole("button", { name: "Claim certificate" }).click();
    await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
    const claimId = page.url().split("/").at(-1)!;

    // The receiver gets it, signed: the standardwebhooks library verifies it with the secret shown once.
    await expect
      .poll(() => receiver.received.filter((r) => r.body.includes('"claim.settled"')).length, {
        timeout: 90_000,
      })
      .toBe(1);
    const delivery = receiver.received.find((r) => r.body.includes('"claim.settled"'))!;
    expect(delivery.url).toBe("/certdesk-hooks");
    const verified = new Webhook(secret).verify(delivery.body, delivery.headers) as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(verified.type).toBe("claim.settled");
    expect(verified.data).toMatchObject({ claimId, certificateId: certificate.cert_id, status: "claimed" });
    expect(delivery.body).not.toContain("pat@example.com");

    // The delivery log shows it: event, status, the answer's status code (never its body).
    await page.goto("/settings/webhooks");
    await page.getByRole("link", { name: new RegExp(url) }).click();
    const log = page.getByRole("table", { name: "Delivery log" });
    const row = log.getByTestId("webhook-delivery").filter({ hasText: "claim.settled" });
    await expect(row).toContainText("delivered");
    await expect(row).toContainText("HTTP 200");
    await expect(log).not.toContainText("thanks");

    // A test event, then a replay of the claim's delivery with the same webhook-id.
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(log.getByTestId("webhook-delivery").filter({ hasText: "webhook.test" })).toContainText(
      "delivered",
      {
        timeout: 60_000,
      },
    );
    await row.getByRole("button", { name: /Replay/ }).click();
    await expect
      .poll(() => receiver.received.filter((r) => r.body.includes('"claim.settled"')).length, {
        timeout: 60_000,
      })
      .toBe(2);
    const [first, again] = receiver.received.filter((r) => r.body.includes('"claim.settled"'));
    expect(again!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
    new Webhook(secret).verify(again!.body, again!.headers);
    await expect(row).toContainText("delivered");

    // Another tenant's admin: the endpoint answers like a missing one.
    const endpointPath = new URL(page.url()).pathname;
    const other = await createTenantWithOwner("Webhooks Other Tenant");
    await signOut(page);
    await signIn(page, other.owner.email, TEST_PASSWORD);
    expect((await page.goto(endpointPath))?.status()).toBe(404);
    await page.goto("/settings/webhooks");
    await expect(page.getByText(url)).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
