// Accessibility: axe (WCAG 2.1 A and AA rules) on every page of the app, each with seeded data so that its lists,
// tables and forms are there to be checked. PAGES_COVERED names every app/**/page.tsx; a new page file fails the
// last test until it is visited here.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { systemDb } from "@/lib/db/client";
import { claimOne } from "@/lib/claims/claim-one";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { inviteMember } from "@/lib/invitations/invite-member";
import { issuePasswordReset } from "@/lib/auth/issue-password-reset";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { E2E } from "./support/e2e-env";
import {
  addUserToTenant,
  createTenantWithOwner,
  expect,
  setTrustedFormApi,
  signIn,
  test,
  TEST_PASSWORD,
  uniqueEmail,
} from "./support/fixtures";

const TRUSTEDFORM = `http://127.0.0.1:${E2E.trustedformPort}`;
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const PAGE_TEXT =
  "By clicking Get my quote, I consent to be contacted on behalf of Mortgage Acme at the telephone number provided.";

/** Every page file, with the URL this spec opens it at (filled in from the seeded data). */
const PAGES_COVERED = [
  "app/(auth)/invite/page.tsx",
  "app/(auth)/login/page.tsx",
  "app/(auth)/set-password/page.tsx",
  "app/(dashboard)/certifications/[id]/page.tsx",
  "app/(dashboard)/certifications/new/page.tsx",
  "app/(dashboard)/certifications/page.tsx",
  "app/(dashboard)/developers/page.tsx",
  "app/(dashboard)/settings/tokens/page.tsx",
  "app/(dashboard)/settings/webhooks/[id]/page.tsx",
  "app/(dashboard)/settings/webhooks/page.tsx",
  "app/(dashboard)/claims/[id]/page.tsx",
  "app/(dashboard)/claims/batches/[id]/page.tsx",
  "app/(dashboard)/claims/bulk/page.tsx",
  "app/(dashboard)/claims/lookup/page.tsx",
  "app/(dashboard)/claims/new/page.tsx",
  "app/(dashboard)/claims/page.tsx",
  "app/(dashboard)/claims/review/page.tsx",
  "app/(dashboard)/notices/page.tsx",
  "app/(dashboard)/page.tsx",
  "app/(dashboard)/search/page.tsx",
  "app/(dashboard)/settings/audit/page.tsx",
  "app/(dashboard)/settings/connections/page.tsx",
  "app/(dashboard)/settings/members/[id]/page.tsx",
  "app/(dashboard)/settings/members/page.tsx",
  "app/(dashboard)/settings/notices/page.tsx",
  "app/(dashboard)/settings/page.tsx",
  "app/(dashboard)/settings/policies/page.tsx",
  "app/operator/tenants/page.tsx",
];

async function sandboxPost<T>(route: string, body: object): Promise<T> {
  const response = await fetch(`${TRUSTEDFORM}${route}`, { method: "POST", body: JSON.stringify(body) });
  return (await response.json()) as T;
}

/** A tenant with something on every page: claims of both API versions, a batch, a certification, members. */
async function seedTenant() {
  const { actor, owner, tenant } = await createTenantWithOwner(
    `Axe Tenant ${crypto.randomBytes(2).toString("hex")}`,
  );
  const account = await sandboxPost<{ api_key: string }>("/sandbox/accounts", { balance: 20 });
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: TRUSTEDFORM });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  const lead = { email: "pat@example.com", phone: "512-789-1111" };

  await setTrustedFormApi(tenant.id, "3.0");
  const v3 = await sandboxPost<{ cert_url: string }>("/sandbox/certificates", {
    page_text: PAGE_TEXT,
    ...lead,
  });
  const claim30 = await claimOne(actor, {
    certUrl: v3.cert_url,
    ...lead,
    vendor: "Acme Leads",
    reference: "AXE-30",
    requiredText: "on behalf of Mortgage Acme",
    forbiddenText: "free iphone",
  });
  await setTrustedFormApi(tenant.id, "4.0");
  const v4 = await sandboxPost<{ cert_url: string }>("/sandbox/certificates", { variant: "bot", ...lead });
  const claim40 = await claimOne(actor, {
    certUrl: v4.cert_url,
    ...lead,
    vendor: "Bot Farm",
    reference: "AXE-40",
  });

  const batch = await systemDb.claimBatch.create({
    data: {
      tenantId: tenant.id,
      fileName: "axe-leads.csv",
      status: "completed",
      totalRows: 3,
      acceptedRows: 1,
      concurrency: 1,
      finishedAt: new Date(),
      refused: [
        { row: 2, certUrl: "https://cert.trustedform.com/nope", reason: "Not a certificate URL." },
        { row: 3, certUrl: "", reason: "The certificate URL is missing." },
      ],
    },
  });
  await systemDb.claim.create({
    data: {
      tenantId: tenant.id,
      batchId: batch.id,
      rowNumber: 1,
      certId: crypto.randomBytes(20).toString("hex"),
      certUrl: "https://cert.trustedform.com/batch-row",
      vendor: "Batch Vendor",
      status: "claimed",
      outcome: "success",
      claimedAt: new Date(),
    },
  });

  const certification = await systemDb.certification.create({
    data: {
      tenantId: tenant.id,
      title: "Axe evidence",
      mode: "hash",
      status: "completed",
      reportId: crypto.randomUUID(),
      creditsAmount: 1,
      fileCount: 1,
      completedAt: new Date(),
      createdByEmail: owner.email,
      files: {
        create: [{ tenantId: tenant.id, position: 0, fileName: "contract.pdf", sha256: "a".repeat(64) }],
      },
      artifacts: {
        create: [
          {
            tenantId: tenant.id,
            type: "data",
            position: 0,
            fileName: "data.json",
            contentType: "application/json",
            storageKey: `${tenant.id}/axe/data-0`,
            sha256: "b".repeat(64),
            size: 10n,
          },
        ],
      },
    },
  });
  await systemDb.certification.create({
    data: { tenantId: tenant.id, title: "Axe failed", mode: "hash", status: "error", fileCount: 1 },
  });

  // A token and a webhook endpoint, so their settings pages show a list and a delivery log's frame. The endpoint's
  // host is resolved by a stand-in answering a public address (it is never called here).
  await createApiToken(actor, { name: "Axe lead system", scopes: ["claims:read"] });
  const webhook = await createWebhookEndpoint(
    actor,
    { url: "https://hooks.axe.example/certdesk", events: ["claim.settled", "batch.finished"] },
    { resolve: async () => [{ address: "93.184.215.14", family: 4 }] },
  );

  const viewer = await addUserToTenant(tenant.id, "viewer");
  const invited = await inviteMember(actor, { email: uniqueEmail("invited"), role: "reviewer" });
  const inviteToken = new URL(invited.inviteUrl).searchParams.get("token") ?? "";
  const reset = new URL((await issuePasswordReset(viewer.user.email)).url);
  return {
    tenantId: tenant.id,
    owner,
    claim30: claim30.claimId,
    claim40: claim40.claimId,
    batchId: batch.id,
    certificationId: certification.id,
    membershipId: viewer.membership.id,
    viewerEmail: viewer.user.email,
    webhookId: webhook.id,
    inviteToken,
    resetPath: `${reset.pathname}${reset.search}`,
  };
}

/** The axe violations of the page as it is now, one line each (rule, impact, where). */
async function violations(page: Page, label: string): Promise<string[]> {
  // Legacy mode runs axe in the page itself (no helper page per check): there are no cross-origin frames to reach.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${label}: ${violation.id} (${violation.impact}) at ${node.target.join(" ")}: ${node.failureSummary}`,
    ),
  );
}

test("every page has no axe violation (WCAG 2.1 A and AA)", async ({ page }) => {
  test.setTimeout(600_000); // some 25 pages on a shared, loaded machine
  const seeded = await seedTenant();
  // Each page's violations are reported on their own, and the walk goes on to the next page.
  const check = (found: string[]) => expect.soft(found, found.join("\n")).toEqual([]);
  const visit = async (pageFile: string, url: string, ready: () => Promise<void>) => {
    await page.goto(url);
    await ready();
    check(await violations(page, `${pageFile} (${url})`));
    visited.add(pageFile);
  };
  const visited = new Set<string>();
  const heading = (name: string | RegExp) => () =>
    expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Signed out: the invitation (and its old set-password address) and the sign-in page.
  const inviteUrl = `/invite?token=${encodeURIComponent(seeded.inviteToken)}`;
  await visit("app/(auth)/invite/page.tsx", inviteUrl, heading("Set your password"));
  await visit(
    "app/(auth)/set-password/page.tsx",
    `/set-password?token=${encodeURIComponent(seeded.inviteToken)}`,
    heading("Set your password"),
  );
  await visit("app/(auth)/set-password/page.tsx", seeded.resetPath, heading("Set a new password"));
  await visit("app/(auth)/login/page.tsx", "/login", heading(/Sign in/));

  await signIn(page, seeded.owner.email, TEST_PASSWORD);
  const dashboard: Array<[string, string, string | RegExp]> = [
    ["app/(dashboard)/page.tsx", "/", "Overview"],
    ["app/(dashboard)/certifications/page.tsx", "/certifications", "Certifications"],
    ["app/(dashboard)/certifications/new/page.tsx", "/certifications/new", "New certification"],
    [
      "app/(dashboard)/certifications/[id]/page.tsx",
      `/certifications/${seeded.certificationId}`,
      "Axe evidence",
    ],
    ["app/(dashboard)/claims/page.tsx", "/claims", "Claims"],
    ["app/(dashboard)/claims/review/page.tsx", "/claims/review", "To review"],
    ["app/(dashboard)/claims/new/page.tsx", "/claims/new", /Claim/],
    ["app/(dashboard)/claims/bulk/page.tsx", "/claims/bulk", /Bulk/],
    ["app/(dashboard)/claims/lookup/page.tsx", "/claims/lookup", /Consent lookup/],
    ["app/(dashboard)/claims/[id]/page.tsx", `/claims/${seeded.claim30}`, /.+/],
    ["app/(dashboard)/claims/[id]/page.tsx", `/claims/${seeded.claim40}`, /.+/],
    [
      "app/(dashboard)/claims/batches/[id]/page.tsx",
      `/claims/batches/${seeded.batchId}`,
      /axe-leads\.csv|Batch/,
    ],
    ["app/(dashboard)/search/page.tsx", "/search?q=Acme", /Search/],
    ["app/(dashboard)/settings/page.tsx", "/settings", "Settings"],
    ["app/(dashboard)/settings/members/page.tsx", "/settings/members", "Members and roles"],
    ["app/(dashboard)/settings/members/[id]/page.tsx", `/settings/members/${seeded.membershipId}`, /.+/],
    ["app/(dashboard)/settings/connections/page.tsx", "/settings/connections", /Connections/],
    ["app/(dashboard)/settings/policies/page.tsx", "/settings/policies", /polic/i],
    ["app/(dashboard)/settings/audit/page.tsx", "/settings/audit", "Audit log"],
    ["app/(dashboard)/settings/notices/page.tsx", "/settings/notices", "Notices"],
    ["app/(dashboard)/notices/page.tsx", "/notices", "Notices"],
    ["app/(dashboard)/settings/tokens/page.tsx", "/settings/tokens", "API tokens"],
    ["app/(dashboard)/settings/webhooks/page.tsx", "/settings/webhooks", "Webhooks"],
    ["app/(dashboard)/settings/webhooks/[id]/page.tsx", `/settings/webhooks/${seeded.webhookId}`, /.+/],
    ["app/(dashboard)/developers/page.tsx", "/developers", "Developers"],
  ];
  for (const [pageFile, url, name] of dashboard) await visit(pageFile, url, heading(name));
  // Not found, inside the signed-in shell.
  await page.goto(`/claims/${crypto.randomUUID()}`);
  await heading("Not found")();
  check(await violations(page, "not found"));
  // The phone layout's menu, opened.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/claims");
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(page.locator("#mobile-sidebar")).toBeVisible();
  check(await violations(page, "phone menu (/claims)"));
  await page.setViewportSize({ width: 1280, height: 720 });

  // The operator's page (CERTDESK_OPERATOR_EMAILS of the e2e server), outside any tenant.
  if (!(await systemDb.user.findUnique({ where: { email: E2E.operatorEmail } })))
    await addUserToTenant(seeded.tenantId, "viewer", { email: E2E.operatorEmail });
  await page.context().clearCookies();
  await signIn(page, E2E.operatorEmail, TEST_PASSWORD);
  await visit("app/operator/tenants/page.tsx", "/operator/tenants", heading("Tenants"));

  expect([...visited].sort()).toEqual([...PAGES_COVERED].sort());
});

test("the accessibility walk names every page file of the app", () => {
  const pageFiles = (folder: string): string[] =>
    fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return pageFiles(full);
      return /^page\.(tsx|ts|jsx|js)$/.test(entry.name) ? [full] : [];
    });
  expect(pageFiles("app").sort()).toEqual([...PAGES_COVERED].sort());
});
