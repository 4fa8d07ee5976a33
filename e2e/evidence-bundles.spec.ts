// A reviewer downloads a completed certification's evidence bundle in Chromium and checks it as a third party would:
// unpacked with `unzip`, `sha256sum -c SHA256SUMS`, and the `xmlsec1 --verify` command VERIFY.md gives.
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { E2E } from "./support/e2e-env";
import { createTenantWithOwner, expect, signIn, test, TEST_PASSWORD } from "./support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.truescreenPort}`;

test("a completed certification's evidence bundle downloads under its filing name and verifies offline", async ({
  page,
}, testInfo) => {
  const { actor, owner } = await createTenantWithOwner("Bundle Tenant");
  const key = (await (
    await fetch(`${SANDBOX}/sandbox/keys`, { method: "POST", body: JSON.stringify({ credits: 10 }) })
  ).json()) as { api_key: string; webhook_secret: string };
  await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
  await saveTenantSecret(actor, "truescreen.webhook_secret", key.webhook_secret);

  const dir = testInfo.outputPath("bundle");
  fs.mkdirSync(dir, { recursive: true });
  const evidence = path.join(dir, "call-recording.bin");
  fs.writeFileSync(evidence, crypto.randomBytes(200_000));
  const hash = execFileSync("sha256sum", [evidence]).toString().split(" ")[0]!;

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/certifications/new");
  await page.getByTestId("file-input").setInputFiles([evidence]);
  await expect(page.getByTestId("file-hash")).toHaveText([hash]);
  await page.getByLabel("Title").fill("Smith v. Acme: call recording");
  await page.getByRole("button", { name: "Certify hashes" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^Spend 1 credit/ })
    .click();
  await expect(page).toHaveURL(/\/certifications\/[0-9a-f-]{36}$/);
  // Archived: the checks on the artifacts are shown.
  await expect(page.getByTestId("xml-check")).toContainText("The XML signature is valid", {
    timeout: 30_000,
  });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download evidence bundle" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^smith-v-acme-call-recording-\d{4}-\d{2}-\d{2}-evidence\.zip$/,
  );
  const zip = path.join(dir, download.suggestedFilename());
  await download.saveAs(zip);
  const out = path.join(dir, "unpacked");
  execFileSync("unzip", ["-q", zip, "-d", out]);

  const sums = spawnSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: out, encoding: "utf8" });
  expect(sums.status, sums.stdout + sums.stderr).toBe(0);
  expect(sums.stdout).toMatch(/-signed\.xml: OK/);
  expect(sums.stdout).toMatch(/-report\.pdf: OK/);

  const verifyMd = fs.readFileSync(path.join(out, "VERIFY.md"), "utf8");
  const command = verifyMd.split("\n").find((line) => line.startsWith("xmlsec1 --verify"));
  expect(command).toBeTruthy();
  const xmlsec = spawnSync("sh", ["-c", command!], { cwd: out, encoding: "utf8" });
  expect(xmlsec.status, xmlsec.stderr).toBe(0);
  expect(xmlsec.stderr).toMatch(/^OK$/m);
  expect(verifyMd).toContain(hash);

  const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
  expect(manifest).toMatchObject({
    kind: "certification",
    createdBy: owner.email,
    certification: {
      title: "Smith v. Acme: call recording",
      status: "completed",
      certifiedFiles: [expect.objectContaining({ sha256: hash })],
      signature: { valid: true },
      originals: { kept: false },
    },
  });
  const audit = fs.readFileSync(path.join(out, "audit-entries.jsonl"), "utf8");
  expect(audit).toContain('"action":"certification.archived"');
  expect(audit).toContain('"action":"bundle.downloaded"');
});
