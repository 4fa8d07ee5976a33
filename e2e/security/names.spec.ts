// From the attacker's side: a file named "invoice-gnp<U+202E>exe.png" is stored as it is, but must never be shown
// as "invoice-gnpgnp.exe"-style spoofed text: every page shows the right-to-left override as a visible escape.
// Also: metadata keys named like Object.prototype members go through the real form and are kept.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { E2E } from "../support/e2e-env";
import { createTenantWithOwner, signIn, TEST_PASSWORD } from "../support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.truescreenPort}`;
const RLO = "\u202E";
const STORED = `invoice-gnp${RLO}exe.png`;
const SHOWN = "invoice-gnp⟨U+202E⟩exe.png";

/** No bidi control reaches the rendered text of the page's main area. */
async function expectNoBidiControls(page: Page) {
  expect(await page.locator("main").innerText()).not.toMatch(
    /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/,
  );
}

test("a file name with a right-to-left override is shown neutralised everywhere and stored as it was", async ({
  page,
}) => {
  const { actor, owner } = await createTenantWithOwner();
  const key = (await (
    await fetch(`${SANDBOX}/sandbox/keys`, { method: "POST", body: JSON.stringify({ credits: 5 }) })
  ).json()) as { api_key: string; webhook_secret: string };
  await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
  await saveTenantSecret(actor, "truescreen.webhook_secret", key.webhook_secret);

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/certifications/new");
  const content = crypto.randomBytes(2048);
  await page
    .getByTestId("file-input")
    .setInputFiles({ name: STORED, mimeType: "image/png", buffer: content });
  await expect(page.getByTestId("file-row")).toContainText(SHOWN);
  await expect(page.getByTestId("file-hash")).toHaveText(
    crypto.createHash("sha256").update(content).digest("hex"),
  );
  // The title defaults to the file name: the text box cannot show the escape, so the page says what is in it.
  await expect(page.getByTestId("title-bidi-warning")).toContainText(SHOWN);
  await expectNoBidiControls(page);

  await page.getByRole("button", { name: "Add metadata" }).click();
  await page.getByLabel("Metadata key 1").fill("constructor");
  await page.getByLabel("Metadata value 1").fill("Acme Builders");
  await page.getByRole("button", { name: "Add metadata" }).click();
  await page.getByLabel("Metadata key 2").fill("__proto__");
  await page.getByLabel("Metadata value 2").fill("kept as a key");
  await page.getByRole("button", { name: "Certify hashes" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Spend 1 credit" }).click();

  await expect(page).toHaveURL(/\/certifications\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SHOWN);
  await expect(page.getByTestId("certified-file-name")).toHaveText(SHOWN);
  const metadata = page.getByRole("region", { name: "Metadata" });
  await expect(metadata).toContainText("constructor");
  await expect(metadata).toContainText("Acme Builders");
  await expect(metadata).toContainText("__proto__");
  await expect(metadata).toContainText("kept as a key");
  await expectNoBidiControls(page);

  await page.goto("/certifications");
  await expect(page.getByRole("link", { name: SHOWN })).toBeVisible();
  await expectNoBidiControls(page);
  await page.goto("/settings/audit");
  await expect(page.locator("main")).toContainText(SHOWN);
  await expectNoBidiControls(page);

  // The record keeps the original characters.
  const stored = await systemDb.certification.findUniqueOrThrow({ where: { id }, include: { files: true } });
  expect(stored.title).toBe(STORED);
  expect(stored.files.map((f) => f.fileName)).toEqual([STORED]);
  const storedMetadata = stored.metadata as Record<string, string>;
  expect(Object.hasOwn(storedMetadata, "constructor") && storedMetadata["constructor"]).toBe("Acme Builders");
  expect(Object.hasOwn(storedMetadata, "__proto__") && storedMetadata["__proto__"]).toBe("kept as a key");
});
