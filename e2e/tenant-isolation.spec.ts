import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { systemDb } from "@/lib/db/client";
import {
  addUserToTenant,
  createTenantWithOwner,
  expect,
  signIn,
  test,
  TEST_PASSWORD,
} from "./support/fixtures";

test("a user of tenant A gets 404 for every tenant-B id put into a URL, like for a missing id", async ({
  page,
}) => {
  const a = await createTenantWithOwner("Tenant A");
  const b = await createTenantWithOwner("Tenant B");
  const bIds = [
    (await addUserToTenant(b.tenant.id, "viewer")).membership.id,
    (await addUserToTenant(b.tenant.id, "admin")).membership.id,
    (await addUserToTenant(b.tenant.id, "owner")).membership.id,
  ];
  await signIn(page, a.owner.email, TEST_PASSWORD);

  const missing = await page.goto(`/settings/members/${crypto.randomUUID()}`);
  expect(missing?.status()).toBe(404);
  // Read the page only once it has rendered (the text would be empty while it streams in).
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  const missingText = await page.getByRole("main").or(page.locator("body")).first().innerText();

  for (const id of bIds) {
    const response = await page.goto(`/settings/members/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect(await page.getByRole("main").or(page.locator("body")).first().innerText()).toBe(missingText);
  }
  const garbage = await page.goto("/settings/members/not-an-id");
  expect(garbage?.status()).toBe(404);
});

test("a member of two tenants switches between them, and sees only the active tenant's members", async ({
  page,
}) => {
  const a = await createTenantWithOwner("Alpha Tenant");
  const b = await createTenantWithOwner("Beta Tenant");
  const { membership } = await addUserToTenant(b.tenant.id, "admin", {
    email: a.owner.email.replace("@", "+unused@"),
  });
  // Make A's owner a member of B too.
  const { systemDb } = await import("@/lib/db/client");
  await systemDb.membership.update({ where: { id: membership.id }, data: { userId: a.owner.id } });

  await signIn(page, a.owner.email, TEST_PASSWORD);
  const switcher = page.getByTestId("tenant-switcher");
  await expect(switcher).toBeVisible();
  await page.goto("/settings/members");
  await expect(page.getByTestId("members-table")).not.toContainText(b.owner.email);

  await switcher.selectOption({ label: "Beta Tenant (admin)" });
  await expect(page).toHaveURL(/^https?:\/\/[^/]+\/$/);
  await expect(switcher).toHaveValue(b.tenant.id);
  await page.goto("/settings/members");
  await expect(page.getByTestId("members-table")).toContainText(b.owner.email);
  await expect(page.getByRole("heading", { name: "Members and roles" })).toBeVisible();
});

test("tenant B's certifications, their downloads and live statuses are invisible to tenant A", async ({
  page,
}) => {
  const a = await createTenantWithOwner("Cert Tenant A");
  const b = await createTenantWithOwner("Cert Tenant B");
  const foreign = await systemDb.certification.create({
    data: {
      tenantId: b.tenant.id,
      title: "Tenant B secret evidence",
      mode: "hash",
      status: "completed",
      reportId: crypto.randomUUID(),
      fileCount: 1,
      files: {
        create: [{ tenantId: b.tenant.id, position: 0, fileName: "b.pdf", sha256: "b".repeat(64) }],
      },
      artifacts: {
        create: [
          {
            tenantId: b.tenant.id,
            type: "data",
            position: 0,
            fileName: "b.json",
            contentType: "application/json",
            storageKey: `${b.tenant.id}/x/data-0`,
            sha256: "c".repeat(64),
            size: 10n,
          },
        ],
      },
    },
  });
  await signIn(page, a.owner.email, TEST_PASSWORD);
  expect((await page.goto(`/certifications/${foreign.id}`))?.status()).toBe(404);
  const download = await page.request.get(`/certifications/${foreign.id}/download?type=data&n=0`);
  expect(download.status()).toBe(404);
  // The evidence bundle of another tenant's certification answers exactly like a missing one's.
  const bundle = await page.request.get(`/certifications/${foreign.id}/bundle`);
  const absentBundle = await page.request.get(`/certifications/${crypto.randomUUID()}/bundle`);
  expect(bundle.status()).toBe(404);
  expect(await bundle.text()).toBe(await absentBundle.text());
  const caseBundle = await page.request.get(`/bundles/case?ids=${foreign.id}`);
  expect(caseBundle.status()).toBe(404);
  expect(await caseBundle.text()).toBe(
    await (await page.request.get(`/bundles/case?ids=${crypto.randomUUID()}`)).text(),
  );
  const posted = await page.request.post("/bundles/case", { data: { ids: [foreign.id] } });
  expect(posted.status()).toBe(404);
  const statuses = await page.request.get(`/certifications/statuses?ids=${foreign.id}`);
  expect(await statuses.json()).toEqual([]);
  await page.goto(`/certifications?q=${"b".repeat(64)}`);
  await expect(page.getByText("No certification matches these filters")).toBeVisible();
  await page.goto("/certifications");
  await expect(page.getByText("Tenant B secret evidence")).toHaveCount(0);
});

// Every route handler of the app, each with what tenant A sees of tenant B's data through it. The last test fails
// when a route handler is added without being listed here, so none is left untested.
const ROUTE_HANDLERS_COVERED = [
  "app/(dashboard)/bundles/case/route.ts",
  "app/(dashboard)/certifications/[id]/bundle/route.ts",
  "app/(dashboard)/certifications/[id]/download/route.ts",
  "app/(dashboard)/certifications/statuses/route.ts",
  "app/(dashboard)/claims/[id]/bundle/route.ts",
  "app/(dashboard)/claims/batches/[id]/progress/route.ts",
  "app/(dashboard)/claims/batches/[id]/results/route.ts",
  "app/(dashboard)/claims/export/route.ts",
  "app/(dashboard)/claims/export-selection/route.ts",
  "app/(dashboard)/settings/audit/export/route.ts",
  // Not a member route: the signed URL token names the tenant (tested in lib/certifications and below).
  "app/api/webhooks/truescreen/[token]/route.ts",
  // next-auth's own handler: sign-in and sessions, no tenant data.
  "app/api/auth/[...nextauth]/route.ts",
];

test("tenant B's claim batches, claims and audit log never reach tenant A through any route handler", async ({
  page,
}) => {
  const a = await createTenantWithOwner("Route Tenant A");
  const b = await createTenantWithOwner("Route Tenant B");
  const marker = crypto.randomBytes(4).toString("hex");
  const batch = await systemDb.claimBatch.create({
    data: {
      tenantId: b.tenant.id,
      fileName: `b-${marker}.csv`,
      totalRows: 1,
      acceptedRows: 1,
      concurrency: 1,
      status: "completed",
    },
  });
  const claim = await systemDb.claim.create({
    data: {
      tenantId: b.tenant.id,
      batchId: batch.id,
      rowNumber: 1,
      certId: `b${marker}`.padEnd(40, "0"),
      certUrl: `https://cert.trustedform.com/b${marker}`.padEnd(69, "0"),
      reference: `tenant-b-${marker}`,
      vendor: `vendor-b-${marker}`,
      status: "claimed",
      outcome: "success",
    },
  });
  await signIn(page, a.owner.email, TEST_PASSWORD);

  const missing = crypto.randomUUID();
  for (const path of ["progress", "results"]) {
    const foreign = await page.request.get(`/claims/batches/${batch.id}/${path}`);
    const absent = await page.request.get(`/claims/batches/${missing}/${path}`);
    expect(foreign.status(), path).toBe(404);
    expect(await foreign.text(), path).toBe(await absent.text());
  }

  // A claim's evidence bundle, alone or in a case: another tenant's claim answers exactly like a missing one.
  for (const [foreignPath, absentPath] of [
    [`/claims/${claim.id}/bundle`, `/claims/${missing}/bundle`],
    [`/bundles/case?ids=${claim.id}`, `/bundles/case?ids=${missing}`],
  ] as const) {
    const foreign = await page.request.get(foreignPath);
    const absent = await page.request.get(absentPath);
    expect(foreign.status(), foreignPath).toBe(404);
    expect(await foreign.text(), foreignPath).toBe(await absent.text());
    expect(foreign.headers()["content-type"], foreignPath).not.toContain("zip");
  }

  for (const query of ["", `?vendor=vendor-b-${marker}`, `?batch=${batch.id}`]) {
    const claims = await page.request.get(`/claims/export${query}`);
    expect(claims.status(), query).toBe(200);
    const claimsCsv = await claims.text();
    expect(claimsCsv, query).not.toContain(marker);
    expect(claimsCsv.trim().split("\n"), query).toHaveLength(1); // the header only
  }

  // The selection export: another tenant's ids are simply absent, ticked or "all matching".
  for (const form of [
    { ids: claim.id } as Record<string, string>,
    { allMatching: "1", filter: `vendor=vendor-b-${marker}` },
  ]) {
    const selection = await page.request.post("/claims/export-selection", { form });
    expect(selection.status(), JSON.stringify(form)).toBe(200);
    const text = await selection.text();
    expect(text).not.toContain(claim.id);
    expect(text).not.toContain(`tenant-b-${marker}`);
    expect(
      text
        .trim()
        .split("\n")
        .filter((line) => !line.startsWith('"#')),
    ).toHaveLength(1); // the header only
  }

  const audit = await page.request.get("/settings/audit/export?format=jsonl");
  expect(audit.status()).toBe(200);
  const entries = (await audit.text())
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { actor_email: string | null; target_id: string | null });
  expect(entries.length).toBeGreaterThan(0);
  expect(entries.some((entry) => entry.actor_email === b.owner.email)).toBe(false);
  expect(entries.some((entry) => entry.target_id === b.tenant.id)).toBe(false);

  // A signed-out request gets nothing from any member route.
  const anonymous = await page.context().browser()!.newContext({ baseURL: page.url() });
  for (const path of [
    `/claims/batches/${batch.id}/progress`,
    `/claims/batches/${batch.id}/results`,
    "/claims/export",
    "/settings/audit/export",
    `/certifications/statuses?ids=${missing}`,
    `/claims/${claim.id}/bundle`,
    `/certifications/${missing}/bundle`,
    `/bundles/case?ids=${claim.id}`,
  ]) {
    const response = await anonymous.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(401);
  }
  const selection = await anonymous.request.post("/claims/export-selection", {
    form: { ids: claim.id },
    maxRedirects: 0,
  });
  expect(selection.status()).toBe(401);
  await anonymous.close();
});

test("every route handler of the app is covered by this file", () => {
  const found = routeHandlers(path.resolve("app")).map((file) => path.relative(process.cwd(), file));
  expect(found.sort()).toEqual([...ROUTE_HANDLERS_COVERED].sort());
});

function routeHandlers(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return routeHandlers(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}
