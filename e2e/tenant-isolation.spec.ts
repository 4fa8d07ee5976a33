import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { systemDb } from "@/lib/db/client";
import { E2E } from "./support/e2e-env";
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
  "app/(dashboard)/notices/summary/route.ts",
  "app/(dashboard)/claims/export-selection/route.ts",
  "app/(dashboard)/settings/audit/export/route.ts",
  // Not a member route: the signed URL token names the tenant (tested in lib/certifications and below).
  "app/api/webhooks/truescreen/[token]/route.ts",
  // next-auth's own handler: sign-in and sessions, no tenant data.
  "app/api/auth/[...nextauth]/route.ts",
  // Probes for load balancers and container runtimes: no sign-in, no tenant data (liveness; database, migrations,
  // storage and shutdown checks named by kind only). Tested in lib/health and scripts/lib.
  "app/api/health/route.ts",
  "app/api/ready/route.ts",
  // The public API: token-gated, covered by the API token test below (and per route in app/api/v1/**/*.int.test.ts).
  "app/api/v1/claims/route.ts",
  "app/api/v1/claims/[id]/route.ts",
  "app/api/v1/claims/[id]/decision/route.ts",
  "app/api/v1/claims/[id]/bundle/route.ts",
  "app/api/v1/certifications/route.ts",
  "app/api/v1/certifications/[id]/route.ts",
  "app/api/v1/certifications/[id]/artifacts/[kind]/route.ts",
  "app/api/v1/certifications/[id]/bundle/route.ts",
  "app/api/v1/claim-batches/route.ts",
  "app/api/v1/claim-batches/[id]/route.ts",
  // The API's description: no tenant data.
  "app/api/v1/openapi.json/route.ts",
  // MCP: token-gated; each tool's isolation is tested in app/api/mcp/mcp.int.test.ts, the token check below.
  "app/api/mcp/route.ts",
];

test("tenant B's claims, batches and certifications answer tenant A's API token like missing ones", async () => {
  const a = await createTenantWithOwner("API Route Tenant A");
  const b = await createTenantWithOwner("API Route Tenant B");
  const marker = crypto.randomBytes(4).toString("hex");
  const batch = await systemDb.claimBatch.create({
    data: { tenantId: b.tenant.id, fileName: `b-${marker}`, totalRows: 1, acceptedRows: 1, concurrency: 1 },
  });
  const claim = await systemDb.claim.create({
    data: {
      tenantId: b.tenant.id,
      batchId: batch.id,
      certId: `b${marker}`.padEnd(40, "0"),
      certUrl: `https://cert.trustedform.com/b${marker}`.padEnd(69, "0"),
      reference: `api-b-${marker}`,
      status: "claimed",
      outcome: "success",
    },
  });
  const certification = await systemDb.certification.create({
    data: { tenantId: b.tenant.id, title: `b-${marker}`, mode: "hash", status: "completed", fileCount: 0 },
  });
  const { createApiToken } = await import("@/lib/api-tokens/create-api-token");
  const { TOKEN_SCOPES } = await import("@/lib/api-tokens/token-scopes");
  const token = (await createApiToken(a.actor, { name: "isolation", scopes: [...TOKEN_SCOPES] })).token;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${E2E.appUrl}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
    });
  const missing = crypto.randomUUID();
  const routes: Array<[string, string?]> = [
    [`/claims/${claim.id}`],
    [`/claims/${claim.id}/bundle`],
    [`/claims/${claim.id}/decision`, JSON.stringify({ decision: "accepted" })],
    [`/claim-batches/${batch.id}`],
    [`/certifications/${certification.id}`],
    [`/certifications/${certification.id}/artifacts/data`],
    [`/certifications/${certification.id}/bundle`],
  ];
  for (const [path, body] of routes) {
    const init = body ? { method: "POST", body } : {};
    const foreign = await api(path, init);
    const absent = await api(path.replace(/[0-9a-f-]{36}/, missing), init);
    expect(foreign.status, path).toBe(404);
    expect(await foreign.text(), path).toBe(await absent.text());
  }
  for (const path of [
    "/claims",
    `/claims?batch=${batch.id}`,
    "/certifications",
    `/certifications?q=b-${marker}`,
  ]) {
    const listed = (await (await api(path)).json()) as { data: unknown[] };
    expect(listed.data, path).toEqual([]);
  }
  // The writes take no tenant from the body: a claim or batch made with A's token is A's.
  expect((await api("/claims", { method: "POST", body: "{}" })).status).toBe(400);
  // Without a token, nothing.
  for (const [path, body] of routes) {
    const init = body ? { method: "POST", body, headers: { "content-type": "application/json" } } : {};
    expect((await fetch(`${E2E.appUrl}/api/v1${path}`, init)).status, path).toBe(401);
  }
  const mcp = await fetch(`${E2E.appUrl}/api/mcp`, { method: "POST", body: "{}" });
  expect(mcp.status).toBe(401);
});

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

  // The bell's summary: A's own notice is there; tenant B's (even one naming A's owner) never reach A.
  const notice = (tenantId: string, userId: string, title: string) => ({
    tenantId,
    userId,
    seq: 1,
    kind: "connection_failing" as const,
    title,
    body: title,
    link: "/settings/connections",
  });
  await systemDb.notification.createMany({
    data: [
      notice(a.tenant.id, a.owner.id, `notice-a-${marker}`),
      notice(b.tenant.id, b.owner.id, `notice-b-${marker}`),
      notice(b.tenant.id, a.owner.id, `notice-b-${marker}`),
    ],
  });
  const notices = await page.request.get("/notices/summary");
  expect(notices.status()).toBe(200);
  const summary = (await notices.json()) as { unread: number; latest: Array<{ title: string }> };
  expect(summary.latest.map((row) => row.title)).toEqual([`notice-a-${marker}`]);
  expect(summary.unread).toBe(1);
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
    "/notices/summary",
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
