// The audit log against someone with full database access but not the master keys or the evidence storage: the app
// that `npm start` runs never holds such access (it connects as the least-privilege role), its worker anchors each
// chain's head outside the database, and when the newest entries are deleted behind its back (as a superuser, with
// the append-only trigger disabled) the audit page names the missing entries. And the daily TrueScreen
// certification of the head, switched on after its cost is shown.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { E2E } from "../support/e2e-env";
import { createTenantWithOwner, signIn, TEST_PASSWORD } from "../support/fixtures";

const SANDBOX = `http://127.0.0.1:${E2E.truescreenPort}`;

/** The fixtures connect as the embedded database's bootstrap superuser: the attacker here. */
async function asSuperuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function head(tenantId: string) {
  return systemDb.auditEntry.findFirstOrThrow({ where: { tenantId }, orderBy: { seq: "desc" } });
}

/** Waits (bounded) until the worker has anchored the chain's current head in the evidence folder. */
async function anchoredHead(tenantId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const current = await head(tenantId);
    const file = path.join(
      E2E.dataDir,
      "evidence",
      "audit-anchors",
      tenantId,
      `${String(current.seq).padStart(10, "0")}.json`,
    );
    if (fs.existsSync(file)) return current;
    if (Date.now() > deadline)
      throw new Error(`entry ${current.seq} of ${tenantId} was not anchored in 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test("the web app and the worker connect as the least-privilege role, never as the owner or a superuser", async ({
  page,
}) => {
  const { owner } = await createTenantWithOwner();
  await signIn(page, owner.email, TEST_PASSWORD); // the web app has a connection open now
  const sessions = await asSuperuser(async (client) => {
    const own = (await client.query<{ user: string }>("select current_user as user")).rows[0]!.user;
    const rows = (
      await client.query<{ user: string; app: string }>(
        `select usename as user, application_name as app from pg_stat_activity
         where datname = current_database() and backend_type = 'client backend' and usename <> $1`,
        [own],
      )
    ).rows;
    return rows;
  });
  expect(sessions.filter((s) => s.app === "certdesk-worker").length).toBeGreaterThan(0);
  expect(new Set(sessions.map((s) => s.user))).toEqual(new Set(["certdesk_app"]));
});

test("deleting the newest entries behind the app's back is reported on the audit page, from the anchor", async ({
  page,
}) => {
  const { owner, tenant } = await createTenantWithOwner();
  for (let i = 0; i < 3; i++)
    await appendAuditEntry({ tenantId: tenant.id, action: "test.event", details: { i } });
  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/settings/audit");
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByText(/^The chain is intact: all \d+ entries verified\.$/)).toBeVisible();

  const anchored = await anchoredHead(tenant.id);
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(
    page.getByText(
      new RegExp(
        `^Its head matches the newest anchor outside the database \\(entry ${anchored.seq}, written `,
      ),
    ),
  ).toBeVisible();

  // The attacker removes the two newest entries: what is left is a well-formed, correctly sealed chain.
  await asSuperuser(async (client) => {
    await client.query("begin");
    await client.query('alter table "AuditEntry" disable trigger user');
    await client.query(`delete from "AuditEntry" where "tenantId" = $1 and seq >= $2`, [
      tenant.id,
      anchored.seq - 1,
    ]);
    await client.query('alter table "AuditEntry" enable trigger user');
    await client.query("commit");
  });
  await page.reload();
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(
    page.getByText(
      new RegExp(
        `^The chain was cut short: entries ${anchored.seq - 1} to ${anchored.seq} are missing: the newest anchor, written \\S+, names entry ${anchored.seq} with hash ${anchored.hash}\\.$`,
      ),
    ),
  ).toBeVisible();
});

test("an admin switches on the daily certification of the head after seeing its cost, and it is listed with its certification", async ({
  page,
}) => {
  const { actor, owner, tenant } = await createTenantWithOwner();
  const key = (await (
    await fetch(`${SANDBOX}/sandbox/keys`, { method: "POST", body: JSON.stringify({ credits: 5 }) })
  ).json()) as { api_key: string; webhook_secret: string };
  await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: SANDBOX });
  await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
  await saveTenantSecret(actor, "truescreen.webhook_secret", key.webhook_secret);

  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/settings/audit");
  const section = page.getByTestId("head-certification");
  await expect(section).toContainText("Off.");
  await section.getByRole("button", { name: "Certify the head daily" }).click();
  const dialog = page.getByRole("dialog", { name: "Spend 1 credit a day on certifying the audit log?" });
  await expect(dialog).toContainText("hash certification");
  await expect(dialog).toContainText("lower assurance than a file certification");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect((await systemDb.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).auditHeadCertify).toBe(
    false,
  );

  await section.getByRole("button", { name: "Certify the head daily" }).click();
  await dialog.getByRole("button", { name: "Spend 1 credit a day" }).click();
  await expect(section).toContainText("On: once a day");
  expect(
    await systemDb.auditEntry.count({
      where: { tenantId: tenant.id, action: "audit.head_certification_enabled" },
    }),
  ).toBe(1);

  // The worker anchors the head and certifies it within a few ticks.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("head-certifications")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const link = page.getByTestId("head-certifications").getByRole("link");
  await expect(link).toHaveText(/pending|completed/);
  await link.click();
  await expect(page).toHaveURL(/\/certifications\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: /^Audit log head: entry \d+$/ })).toBeVisible();
});
