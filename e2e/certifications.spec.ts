import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { certificationWebhookToken } from "@/lib/certifications/certification-webhook-token";
import { E2E } from "./support/e2e-env";
import { createTenantWithOwner, expect, signIn, test, TEST_PASSWORD } from "./support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.truescreenPort}`;

async function truescreenTenant(name: string, credits: number, faults: object = {}) {
  const { actor, owner } = await createTenantWithOwner(name);
  const key = (await (
    await fetch(`${SANDBOX}/sandbox/keys`, { method: "POST", body: JSON.stringify({ credits }) })
  ).json()) as { api_key: string; webhook_secret: string };
  await fetch(`${SANDBOX}/sandbox/keys/${key.api_key}`, {
    method: "PATCH",
    body: JSON.stringify({ faults }),
  });
  await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
  await saveTenantSecret(actor, "truescreen.webhook_secret", key.webhook_secret);
  return { owner, key, actor };
}

function evidenceFiles(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const files = [
    { name: "contract.txt", body: crypto.randomBytes(300_000) },
    { name: "site-photo.bin", body: crypto.randomBytes(2_000_000) },
  ].map((f) => {
    const file = path.join(dir, f.name);
    fs.writeFileSync(file, f.body);
    return { ...f, path: file };
  });
  const other = path.join(dir, "not-certified.txt");
  fs.writeFileSync(other, "this file was never certified");
  return { files, other };
}

/** The hash as the operating system's own tool computes it. */
const sha256sum = (file: string) => execFileSync("sha256sum", [file]).toString().split(" ")[0]!;

async function download(page: Page, name: RegExp) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return fs.readFileSync((await file.path())!);
}

async function checkArtifactsAndVerify(page: Page, hashes: string[], dir: string, other: string) {
  // Archived into evidence storage: each artifact with its size and SHA-256, and the checks made on them.
  await expect(page.getByTestId("xml-check")).toContainText("The XML signature is valid", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("data-check")).toContainText("✓");
  const pdf = await download(page, /^Download PDF report/);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const xml = (await download(page, /^Download Signed XML/)).toString();
  expect(xml).toMatch(/<(\w+:)?SignatureValue>/);
  for (const hash of hashes) expect(xml).toContain(hash);
  const data = JSON.parse((await download(page, /^Download jsonData/)).toString()) as {
    files: Array<{ sha256: string }>;
  };
  expect(data.files.map((f) => f.sha256)).toEqual(hashes);

  // Verify a file: one that matches, one that does not.
  const verify = page.getByRole("region", { name: "Verify a file" });
  await verify.getByTestId("file-input").setInputFiles(path.join(dir, "contract.txt"));
  await expect(verify.getByTestId("verify-result")).toContainText("Match: identical to contract.txt");
  await verify.getByTestId("file-input").setInputFiles(other);
  await expect(verify.getByTestId("verify-result")).toContainText("No match");
}

test("hash mode: two dropped files hashed in the browser equal sha256sum, certified, pending then completed live, artifacts downloaded and a file verified", async ({
  page,
}, testInfo) => {
  const { owner, actor } = await truescreenTenant("Hash Tenant", 20, { processingMs: 4000 });
  const dir = testInfo.outputPath("hash-files");
  const { files, other } = evidenceFiles(dir);
  const hashes = files.map((f) => sha256sum(f.path));

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/certifications/new");
  await expect(page.getByTestId("credits-balance")).toHaveText("20 credits");
  await page.getByTestId("file-input").setInputFiles(files.map((f) => f.path));
  await expect(page.getByTestId("file-hash")).toHaveText(hashes);
  await expect(page.getByTestId("credit-summary")).toContainText("This certification spends 2 credits");
  await page.getByLabel("Title").fill("Contract evidence");
  await page.getByRole("button", { name: "Add metadata" }).click();
  await page.getByLabel("Metadata key 1").fill("case_number");
  await page.getByLabel("Metadata value 1").fill("2026/001");
  await page.getByRole("button", { name: "Certify hashes" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Spend 2 credits" }).click();

  await expect(page).toHaveURL(/\/certifications\/[0-9a-f-]{36}$/);
  const status = page.locator("main [data-status]").first();
  await expect(status).toHaveText("Pending");
  await expect(page.getByTestId("certified-hash")).toHaveText(hashes);
  await expect(status).toHaveText("Completed", { timeout: 30_000 }); // no reload: live polling
  // TrueScreen called this certification's own webhook URL (<id>.<tag>), and the real route accepted it.
  const certificationId = page.url().split("/").pop()!;
  const { webhookToken: tenantToken } = await systemDb.tenantConnection.findFirstOrThrow({
    where: { tenantId: actor.tenantId, service: "truescreen" },
  });
  const deliveries = (await (await fetch(`${SANDBOX}/sandbox/webhook-deliveries`)).json()) as Array<{
    url: string;
    type: string;
    status: number | null;
  }>;
  const delivery = deliveries.find(
    (d) =>
      d.url.endsWith(certificationWebhookToken(tenantToken, certificationId)) &&
      d.type === "certification.completed",
  );
  expect(delivery?.url).toMatch(/\/api\/webhooks\/truescreen\/[\w-]{22}\.[\w-]{24}$/);
  expect(delivery?.status).toBe(200);
  await checkArtifactsAndVerify(page, hashes, dir, other);

  // The list shows it, with the credits spent; the filter bar filters by status and by a file's SHA-256.
  await page.goto("/certifications");
  const filters = page.getByRole("form", { name: "Filter certifications" });
  await filters.getByLabel("Status").selectOption("completed");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/certifications\?status=completed(&|$)/);
  const row = page.getByRole("row", { name: /Contract evidence/ });
  await expect(row).toContainText("Completed");
  await expect(row).toContainText("Hashes");
  await filters.getByLabel("Search").fill(hashes[1]!);
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(row).toBeVisible();
  await filters.getByLabel("Status").selectOption("error");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No certification matches these filters")).toBeVisible();
  await filters.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/certifications$/);
  await expect(row).toBeVisible();

  // The real webhook route refuses a forged signature and changes nothing.
  const { webhookToken } = await systemDb.tenantConnection.findFirstOrThrow({
    where: { tenantId: actor.tenantId, service: "truescreen" },
  });
  const forged = await fetch(`${E2E.appUrl}/api/webhooks/truescreen/${webhookToken}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": "msg_forged",
      "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
      "webhook-signature": `v1,${crypto.randomBytes(32).toString("base64")}`,
    },
    body: JSON.stringify({ type: "certification.error", data: { report_id: "x", code: "TS-014" } }),
  });
  expect(forged.status).toBe(401);
  expect(
    await systemDb.webhookReceipt.count({ where: { tenantId: actor.tenantId, webhookId: "msg_forged" } }),
  ).toBe(0);
});

test("upload mode: files go straight to TrueScreen (an expired URL is registered again), the sandbox keeps the same bytes, artifacts and media download", async ({
  page,
}, testInfo) => {
  const { owner } = await truescreenTenant("Upload Tenant", 20, { uploadUrlSeconds: 2 });
  const dir = testInfo.outputPath("upload-files");
  const { files, other } = evidenceFiles(dir);
  const hashes = files.map((f) => sha256sum(f.path));

  // The first PUT is held until its URL has expired: the browser must register the batch again and re-send.
  let held = false;
  await page.route(`${SANDBOX}/uploads/**`, async (route) => {
    if (route.request().method() === "PUT" && !held) {
      held = true;
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    await route.continue();
  });
  // No file byte passes through Certdesk: every PUT goes to the sandbox's presigned URLs.
  const puts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "PUT") puts.push(new URL(request.url()).origin);
  });

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/certifications/new");
  await page.getByRole("radio", { name: /Upload files/ }).check();
  await page.getByTestId("file-input").setInputFiles(files.map((f) => f.path));
  await page.getByLabel("Title").fill("Site inspection upload");
  await page.getByRole("button", { name: "Upload and certify" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Spend 2 credits" }).click();

  await expect(page).toHaveURL(/\/certifications\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  expect(held).toBe(true);
  expect(new Set(puts)).toEqual(new Set([SANDBOX]));
  await expect(page.locator("main [data-status]").first()).toHaveText("Completed", { timeout: 30_000 });
  await expect(page.getByTestId("certified-hash")).toHaveText(hashes, { timeout: 30_000 });

  // The sandbox stored exactly the bytes of the files.
  const reportId = (await page.getByText(/Accepted by TrueScreen \(report /).textContent())!.match(
    /report ([0-9a-f-]+)/,
  )![1]!;
  const certification = (await (await fetch(`${SANDBOX}/sandbox/certifications/${reportId}`)).json()) as {
    uploadToken: string;
  };
  for (const [index, file] of files.entries()) {
    const stored = Buffer.from(
      await (await fetch(`${SANDBOX}/sandbox/uploads/${certification.uploadToken}/${index}`)).arrayBuffer(),
    );
    expect(stored.equals(file.body)).toBe(true);
  }

  await checkArtifactsAndVerify(page, hashes, dir, other);
  const media = await download(page, /^Download Original file 2/);
  expect(media.equals(files[1]!.body)).toBe(true);
});

test("too few credits: the cost and balance are shown and certifying is refused before anything is sent", async ({
  page,
}, testInfo) => {
  const { owner } = await truescreenTenant("Poor Tenant", 1);
  const { files } = evidenceFiles(testInfo.outputPath("poor-files"));
  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/certifications/new");
  await page.getByTestId("file-input").setInputFiles(files.map((f) => f.path));
  await expect(page.getByTestId("file-hash")).toHaveCount(2);
  await expect(page.locator("main").getByRole("alert")).toContainText(
    "This certification needs 2 credits and the TrueScreen workspace has 1",
  );
  await expect(page.getByRole("button", { name: "Certify hashes" })).toBeDisabled();
});

test("TS-014: the failure is shown in words, and the hashes can be certified again after a confirmation", async ({
  page,
}, testInfo) => {
  const { owner, key } = await truescreenTenant("TS014 Tenant", 10, { forceTs014: true });
  const { files } = evidenceFiles(testInfo.outputPath("ts014-files"));
  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/certifications/new");
  await page.getByTestId("file-input").setInputFiles(files.map((f) => f.path));
  await expect(page.getByTestId("file-hash")).toHaveCount(2);
  await page.getByRole("button", { name: "Certify hashes" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Spend 2 credits" }).click();
  await expect(page).toHaveURL(/\/certifications\/[0-9a-f-]{36}$/);
  const failedUrl = page.url();
  await expect(page.locator("main [data-status]").first()).toHaveText("Error", { timeout: 30_000 });
  await expect(page.locator("main").getByRole("alert").first()).toContainText("digital signature error");
  await expect(page.locator("main").getByRole("alert").first()).toContainText("TrueScreen code TS-014");

  await fetch(`${SANDBOX}/sandbox/keys/${key.api_key}`, {
    method: "PATCH",
    body: JSON.stringify({ faults: {} }),
  });
  await page.getByRole("button", { name: "Certify these hashes again" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Spend 2 credits" }).click();
  await expect(page).not.toHaveURL(failedUrl);
  await expect(page.locator("main [data-status]").first()).toHaveText("Completed", { timeout: 30_000 });
});

test("hashing a large file can be cancelled midway; the workers are ready for the next file at once", async ({
  page,
}, testInfo) => {
  const { owner } = await truescreenTenant("Cancel Tenant", 5);
  const dir = testInfo.outputPath("cancel-files");
  fs.mkdirSync(dir, { recursive: true });
  // 3 GB, sparse (nothing written to disk): streamed through hash-wasm, it takes several seconds here.
  const large = path.join(dir, "large-recording.bin");
  fs.closeSync(fs.openSync(large, "w"));
  fs.truncateSync(large, 3 * 1024 ** 3);
  const { files } = evidenceFiles(dir);

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/certifications/new");
  await page.getByTestId("file-input").setInputFiles(large);
  const row = page.getByTestId("file-row");
  await expect(row).toContainText("large-recording.bin");
  const cancel = page.getByRole("button", { name: "Cancel hashing" });
  await expect(cancel).toBeVisible();
  await cancel.click();
  await expect(row).toHaveCount(0);
  await expect(cancel).toBeHidden();

  // The cancelled worker was stopped; the next files hash with fresh ones and give the right hashes.
  await page.getByTestId("file-input").setInputFiles(files.map((f) => f.path));
  await expect(page.getByTestId("file-hash")).toHaveText(files.map((f) => sha256sum(f.path)));
  await expect(row).toHaveCount(2);
});
