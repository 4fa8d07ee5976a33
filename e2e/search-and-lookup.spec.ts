import crypto from "node:crypto";
import { systemDb } from "@/lib/db/client";
import { emailFingerprint, phoneFingerprint } from "@/lib/trustedform/fingerprint";
import { createTenantWithOwner, expect, signIn, test, TEST_PASSWORD } from "./support/fixtures";

async function seedClaim(
  tenantId: string,
  data: { reference: string; vendor?: string; email?: string; phone?: string },
) {
  const certId = crypto.randomBytes(20).toString("hex");
  return systemDb.claim.create({
    data: {
      tenantId,
      certId,
      certUrl: `https://cert.trustedform.com/${certId}`,
      status: "claimed",
      outcome: "success",
      claimedAt: new Date(),
      reference: data.reference,
      vendor: data.vendor ?? "Search Leads",
      emailFingerprint: data.email ? emailFingerprint(data.email) : null,
      phoneFingerprint: data.phone ? phoneFingerprint(data.phone) : null,
    },
  });
}

test("the header search finds a claim by reference and a certification by SHA-256, with the keyboard", async ({
  page,
}) => {
  const { tenant, owner } = await createTenantWithOwner("Search Tenant");
  const other = await createTenantWithOwner("Search Other Tenant");
  const stamp = crypto.randomBytes(3).toString("hex").toUpperCase();
  const claim = await seedClaim(tenant.id, { reference: `DL-${stamp}-0042` });
  await seedClaim(other.tenant.id, { reference: `DL-${stamp}-9999` });
  const sha256 = crypto.randomBytes(32).toString("hex");
  const certification = await systemDb.certification.create({
    data: {
      tenantId: tenant.id,
      title: "Signed lead agreement",
      mode: "hash",
      status: "completed",
      reportId: crypto.randomUUID(),
      fileCount: 1,
      files: { create: [{ tenantId: tenant.id, position: 0, fileName: "agreement.pdf", sha256 }] },
    },
  });

  await signIn(page, owner.email, TEST_PASSWORD);
  const box = page.getByRole("combobox", { name: "Search Certdesk" });
  await box.focus();
  await page.keyboard.type(`DL-${stamp}`);
  const listbox = page.getByRole("listbox", { name: "Search results" });
  await expect(listbox.getByRole("group", { name: "Claims" }).getByRole("option")).toHaveText([
    new RegExp(`DL-${stamp}-0042`),
  ]);
  await expect(listbox).not.toContainText("9999");
  await page.keyboard.press("ArrowDown");
  await expect(box).toHaveAttribute("aria-activedescendant", /option-0/);
  await expect(listbox.getByRole("option", { selected: true })).toContainText(`DL-${stamp}-0042`);
  // Escape closes the list; ArrowDown opens it again on the same results.
  await page.keyboard.press("Escape");
  await expect(listbox).toBeHidden();
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("ArrowDown");
  await expect(listbox).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/claims/${claim.id}$`));

  await box.focus();
  await page.keyboard.press("Escape"); // clears the box
  await expect(box).toHaveValue("");
  await page.keyboard.type(sha256.toUpperCase());
  await expect(listbox.getByRole("group", { name: "Certifications" }).getByRole("option")).toHaveText([
    /Signed lead agreement.*file agreement\.pdf/,
  ]);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/certifications/${certification.id}$`));
  await expect(page.getByRole("heading", { name: "Signed lead agreement" })).toBeVisible();

  // Enter with no option chosen opens the full results page.
  await box.focus();
  await page.keyboard.press("Escape");
  await page.keyboard.type("Search Leads");
  await expect(listbox.getByRole("group", { name: "Vendors" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=Search%20Leads$/);
  await expect(page.getByRole("heading", { name: /Vendors \(1\)/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Search Leads" })).toHaveAttribute(
    "href",
    "/claims?vendor=Search%20Leads",
  );
});

test("the consent lookup finds a person's claims and sends neither the email nor the phone", async ({
  page,
}) => {
  const { tenant, owner } = await createTenantWithOwner("Lookup Tenant");
  const other = await createTenantWithOwner("Lookup Other Tenant");
  const local = `jane.lookup.${crypto.randomBytes(3).toString("hex")}`;
  const email = `${local}@example.com`;
  const phone = "15127891111";
  await seedClaim(tenant.id, { reference: "LOOKUP-BY-EMAIL", email });
  await seedClaim(tenant.id, { reference: "LOOKUP-BY-PHONE", phone });
  await seedClaim(tenant.id, { reference: "LOOKUP-SOMEONE-ELSE", email: "someone.else@example.com" });
  await seedClaim(other.tenant.id, { reference: "LOOKUP-OTHER-TENANT", email, phone });

  const sent: string[] = [];
  page.on("request", (request) => {
    sent.push(request.url(), request.postData() ?? "");
  });

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.getByRole("link", { name: "Consent lookup" }).click();
  await expect(page.getByRole("heading", { name: "Consent lookup" })).toBeVisible();
  // As a demand letter writes them.
  await page.getByLabel("Consumer's email").fill(`  ${local.toUpperCase()}@Example.COM `);
  await page.getByLabel("Consumer's phone").fill("+1 (512) 789-1111");
  await page.getByRole("button", { name: "Look up" }).click();

  await expect(page.getByRole("heading", { name: "2 claims for this person" })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole("row", { name: /LOOKUP-BY-EMAIL.*email/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /LOOKUP-BY-PHONE.*phone/ })).toBeVisible();
  await expect(page.getByText("LOOKUP-SOMEONE-ELSE")).toHaveCount(0);
  await expect(page.getByText("LOOKUP-OTHER-TENANT")).toHaveCount(0);

  // What left the browser: the fingerprints, never the email or phone in any form.
  const everything = sent.join("\n");
  expect(everything).toContain(emailFingerprint(email));
  expect(everything).toContain(phoneFingerprint(phone));
  const lower = everything.toLowerCase();
  for (const raw of [
    local,
    encodeURIComponent(local),
    "example.com",
    phone,
    "5127891111",
    "789-1111",
    "(512)",
  ]) {
    expect(lower, `a request carried ${raw}`).not.toContain(raw.toLowerCase());
  }

  await page.getByRole("link", { name: "LOOKUP-BY-PHONE" }).click();
  await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
});
