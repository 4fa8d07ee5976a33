// Certification details people asked for: the notice for a file certified before (nothing spent until the user
// decides), certifying pasted digests, and the list page's drop zone telling a certified file from a new one.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { TenantContext } from "@/lib/core/tenant-context";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { saveCertificationIntent } from "@/lib/certifications/save-certification-intent";
import { E2E } from "./support/e2e-env";
import { createTenantWithOwner, expect, signIn, test, TEST_PASSWORD } from "./support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.truescreenPort}`;

async function truescreenTenant(name: string, credits: number) {
  const { actor, owner } = await createTenantWithOwner(name);
  const key = (await (
    await fetch(`${SANDBOX}/sandbox/keys`, { method: "POST", body: JSON.stringify({ credits }) })
  ).json()) as { api_key: string; webhook_secret: string };
  await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
  await saveTenantSecret(actor, "truescreen.webhook_secret", key.webhook_secret);
  return { owner, key, actor };
}

/** The credits TrueScreen (the sandbox) holds for a key: what was really spent. */
async function sandboxCredits(apiKey: string) {
  const keys = (await (await fetch(`${SANDBOX}/sandbox/keys`)).json()) as Array<{
    api_key: string;
    credits: number;
  }>;
  return keys.find((k) => k.api_key === apiKey)!.credits;
}

/** A certification this tenant made earlier (completed), holding the given files. */
async function certifiedBefore(
  ctx: TenantContext,
  title: string,
  files: Array<{ name: string; sha256: string }>,
) {
  const id = await saveCertificationIntent(ctx, {
    title,
    mode: "hash",
    status: "creating",
    generatePdfReport: false,
    metadata: {},
    files: files.map((f) => ({ fileName: f.name, sha256: f.sha256 })),
  });
  await ctx.db.certification.update({
    where: { id },
    data: { status: "completed", completedAt: new Date() },
  });
  return id;
}

function writeFile(dir: string, name: string, bytes = 50_000) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, crypto.randomBytes(bytes));
  return { path: file, name, sha256: execFileSync("sha256sum", [file]).toString().split(" ")[0]! };
}

test("a file certified before: the notice says where and when, nothing is spent until the user certifies it again", async ({
  page,
}, testInfo) => {
  const { owner, key, actor } = await truescreenTenant("Already Certified Tenant", 10);
  const dir = testInfo.outputPath("files");
  const known = writeFile(dir, "signed-contract.pdf");
  const fresh = writeFile(dir, "new-photo.jpg");
  const earlierId = await certifiedBefore(actor, "Contract signed in March", [
    { name: "contract-v1.pdf", sha256: known.sha256 },
  ]);

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/certifications/new");
  await page.getByTestId("file-input").setInputFiles([known.path, fresh.path]);
  await expect(page.getByTestId("file-hash")).toHaveText([known.sha256, fresh.sha256]);
  const notice = page.getByTestId("already-certified");
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText("Already certified in this tenant");
  await expect(notice).toContainText(/as contract-v1\.pdf/);
  await expect(notice).toContainText(/\d{4}, \d{2}:\d{2} UTC \(completed/);
  await expect(notice.getByRole("link", { name: "Contract signed in March" })).toHaveAttribute(
    "href",
    `/certifications/${earlierId}`,
  );
  await expect(page.getByTestId("already-certified-summary")).toContainText("1 file was certified before");
  // Undecided: certifying is not possible, and nothing was spent.
  await expect(page.getByRole("button", { name: "Certify hashes" })).toBeDisabled();
  expect(await sandboxCredits(key.api_key)).toBe(10);

  // Skip it: only the new file is left.
  await notice.getByRole("button", { name: "Skip it" }).click();
  await expect(page.getByTestId("file-row")).toHaveCount(1);
  await expect(page.getByTestId("already-certified")).toHaveCount(0);

  // Dropped again, then certified again on purpose.
  await page.getByTestId("file-input").setInputFiles(known.path);
  await expect(page.getByTestId("already-certified")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Certify hashes" })).toBeDisabled();
  await page.getByTestId("already-certified").getByRole("button", { name: "Certify again" }).click();
  await expect(page.getByTestId("already-certified")).toContainText("it will be certified again");
  await page.getByLabel("Title").fill("Contract and photo, again");
  expect(await sandboxCredits(key.api_key)).toBe(10);
  await page.getByRole("button", { name: "Certify hashes" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Spend 2 credits" }).click();
  await expect(page).toHaveURL(/\/certifications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("certified-hash")).toHaveText([fresh.sha256, known.sha256]);
  expect(await sandboxCredits(key.api_key)).toBe(8);
});

test("pasted digests: bad lines are refused in the browser, good ones are certified as hashes", async ({
  page,
}) => {
  const { owner, key } = await truescreenTenant("Pasted Digest Tenant", 10);
  const a = crypto.randomBytes(32).toString("hex");
  const b = crypto.randomBytes(32).toString("hex");

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/certifications/new");
  await page.getByText("Paste SHA-256 digests").click();
  const digests = page.getByLabel("SHA-256 digests");
  await digests.fill(`${a.slice(1)}  short.pdf\n${a}  ok.pdf\n${a}  twice.pdf`);
  await page.getByRole("button", { name: "Add digests" }).click();
  await expect(page.getByTestId("digest-errors")).toContainText(
    "Line 1: A SHA-256 digest has 64 hexadecimal characters; this one has 63.",
  );
  await expect(page.getByTestId("digest-errors")).toContainText("Line 3: The same digest as line 2");
  await expect(page.getByTestId("file-row")).toHaveCount(0);

  await digests.fill(`${a.toUpperCase()}  invoice.pdf\nwitness statement.docx,${b}\n`);
  await page.getByRole("button", { name: "Add digests" }).click();
  await expect(page.getByTestId("digest-errors")).toHaveCount(0);
  await expect(page.getByTestId("file-hash")).toHaveText([a, b]);
  await expect(page.getByTestId("file-row").first()).toContainText("Pasted digest");
  await expect(page.getByTestId("credit-summary")).toContainText("This certification spends 2 credits");
  await page.getByLabel("Title").fill("Documents held by counsel");
  await page.getByRole("button", { name: "Certify hashes" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Spend 2 credits" }).click();
  await expect(page).toHaveURL(/\/certifications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("certified-hash")).toHaveText([a, b]);
  await expect(page.getByText("witness statement.docx").first()).toBeVisible();
  expect(await sandboxCredits(key.api_key)).toBe(8);
});

test("the list page's drop zone tells a certified file from a new one, and the new one goes on to be certified", async ({
  page,
}, testInfo) => {
  const { owner, key, actor } = await truescreenTenant("Drop Zone Tenant", 10);
  const dir = testInfo.outputPath("files");
  const known = writeFile(dir, "deed.pdf");
  const fresh = writeFile(dir, "survey.pdf");
  const earlierId = await certifiedBefore(actor, "Deed of sale", [
    { name: "deed.pdf", sha256: known.sha256 },
  ]);

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/certifications");
  const zone = page.getByRole("region", { name: "Check or certify files" });
  await zone.getByTestId("file-input").setInputFiles([known.path, fresh.path]);
  const results = zone.getByTestId("drop-check-result");
  await expect(results.nth(0)).toContainText("Certified: the SHA-256 matches");
  await expect(results.nth(0).getByRole("link", { name: "Deed of sale" })).toHaveAttribute(
    "href",
    `/certifications/${earlierId}`,
  );
  await expect(results.nth(0)).toContainText(known.sha256);
  await expect(results.nth(1)).toContainText("New: not certified in this tenant");
  await expect(results.nth(1)).toContainText(fresh.sha256);
  expect(await sandboxCredits(key.api_key)).toBe(10);

  await zone.getByRole("button", { name: "Certify 1 new file" }).click();
  await expect(page).toHaveURL(/\/certifications\/new$/);
  await expect(page.getByTestId("file-hash")).toHaveText([fresh.sha256]);
  await expect(page.getByLabel("Title")).toHaveValue("survey.pdf");
  await page.getByRole("button", { name: "Certify hashes" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Spend 1 credit" }).click();
  await expect(page).toHaveURL(/\/certifications\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("certified-hash")).toHaveText([fresh.sha256]);
  expect(await sandboxCredits(key.api_key)).toBe(9);
});
