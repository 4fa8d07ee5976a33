// Notices end to end: a bulk batch finishes in the worker, the dispatcher hands the event to the notices consumer, the
// header's bell shows it (keyboard only), and the notice email reaches a real SMTP server started here (smtp-server),
// the one playwright.config.ts points the app at.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { E2E } from "./support/e2e-env";
import { createTenantWithOwner, expect, signIn, test, TEST_PASSWORD } from "./support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.trustedformPort}`;
const received: Array<{ to: string[]; mail: ParsedMail }> = [];
let smtp: SMTPServer;

test.beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(E2E.smtpPort, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function sandboxPost<T>(path: string, body: object): Promise<T> {
  return (await (
    await fetch(`${SANDBOX}${path}`, { method: "POST", body: JSON.stringify(body) })
  ).json()) as T;
}

test("a finished bulk batch rings the bell and emails its creator through SMTP", async ({ page }) => {
  test.setTimeout(240_000);
  const { actor, owner, tenant } = await createTenantWithOwner("Notices Tenant");
  await systemDb.tenant.update({ where: { id: actor.tenantId }, data: { trustedformApiVersion: "v3_0" } });
  const account = await sandboxPost<{ api_key: string }>("/sandbox/accounts", { balance: 100 });
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const certs = await Promise.all(
    [0, 1, 2].map((i) =>
      sandboxPost<{ cert_url: string }>("/sandbox/certificates", {
        page_text: "I consent to be contacted.",
        email: `notice-lead${i}@example.com`,
      }),
    ),
  );
  const csv = [
    "TrustedForm Cert URL,Email,Phone,Lead ID,Vendor",
    ...certs.map((cert, i) => `${cert.cert_url},notice-lead${i}@example.com,,N-${i},Acme Leads`),
  ].join("\n");

  await signIn(page, owner.email, TEST_PASSWORD);
  // The preferences page says who gets what, and that email is on.
  await page.goto("/settings/notices");
  await expect(page.getByRole("heading", { name: "Notices", level: 1 })).toBeVisible();
  await expect(page.getByText("The member who started the batch.")).toBeVisible();
  await expect(page.getByText("Email is off")).toHaveCount(0);
  await expect(page.getByLabel("A bulk claim batch finished: by email")).toBeChecked();
  await expect(page.getByLabel("A bulk claim batch finished: in Certdesk")).toBeChecked();
  await page.getByLabel("Credits threshold").fill("25");
  await page.getByRole("button", { name: "Save threshold" }).click();
  await expect(page.getByText("Admins are told when credits fall below 25.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Notices", exact: true })).toBeVisible();

  await page.goto("/claims/bulk");
  await page
    .getByLabel("CSV file with a header row")
    .setInputFiles({ name: "notice-leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the rows" }).click();
  await page.getByRole("button", { name: "Claim 3 certificates" }).click();
  await page
    .getByRole("dialog", { name: "Confirm the bulk claim" })
    .getByRole("button", { name: "Claim 3" })
    .click();
  await expect(page).toHaveURL(/\/claims\/batches\/[0-9a-f-]{36}$/);
  const batchPath = new URL(page.url()).pathname;
  await expect(page.getByTestId("batch-status")).toHaveText("Complete", { timeout: 90_000 });

  // The bell polls: the notice shows up without a reload.
  const bell = page.getByRole("button", { name: "Notices, 1 unread" });
  await expect(bell).toBeVisible({ timeout: 90_000 });

  // By keyboard: open, look, close with Escape (focus back on the bell), open again and follow the link.
  await bell.focus();
  await page.keyboard.press("Enter");
  const panel = page.getByRole("region", { name: "Latest notices" });
  const link = panel.getByRole("link", { name: /Bulk claim "notice-leads\.csv" finished/ });
  await expect(link).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(bell).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(link).toBeVisible();
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${batchPath}$`));
  await expect(page.getByRole("button", { name: "Notices", exact: true })).toBeVisible({ timeout: 30_000 });

  // The notices page lists it, read now, with its counts.
  await page.goto("/notices");
  const list = page.getByRole("list", { name: "Notices" });
  await expect(list).toContainText('Bulk claim "notice-leads.csv" finished');
  await expect(list).toContainText("3 of 3 rows were claimed in this batch: 3 claimed, 0 failed.");
  await expect(list).toContainText("Read");

  // The email reached the SMTP server: to the creator, with the subject and a link to the batch.
  await expect
    .poll(() => received.filter((m) => m.to.includes(owner.email)).length, { timeout: 90_000 })
    .toBe(1);
  const email = received.find((m) => m.to.includes(owner.email))!.mail;
  expect(email.subject).toBe('[Certdesk] Bulk claim "notice-leads.csv" finished');
  expect(email.text).toContain(`Open it in Certdesk: ${E2E.appUrl}${batchPath}`);
  expect(email.html).toContain(`href="${E2E.appUrl}${batchPath}"`);
  expect(email.text).toContain(tenant.name);
});
