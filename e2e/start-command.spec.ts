// The one-command start itself: `npm start` on a fresh data folder, again on the same folder, and on DATABASE_URL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { freePort } from "@/scripts/test/test-database";
import { CertdeskProcess, processesMentioning } from "./support/certdesk-process";

test.describe.configure({ timeout: 300_000 });

test("npm start serves the login page, the demo login works, a second start reuses the data, Ctrl-C leaves no postgres", async ({
  browser,
}) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-start-"));
  const port = await freePort();
  const env = {
    CERTDESK_DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await freePort()),
    TRUESCREEN_SANDBOX_PORT: String(await freePort()),
    TRUSTEDFORM_SANDBOX_PORT: String(await freePort()),
    DATABASE_URL: undefined,
    NEXTAUTH_URL: undefined,
  };

  const startedAt = Date.now();
  const first = new CertdeskProcess(env);
  await first.waitForOutput(/Certdesk is ready at http:\/\/localhost:\d+/, 120_000);
  expect(Date.now() - startedAt).toBeLessThan(120_000);
  const [, email, password] = await first.waitForOutput(
    /Demo login \(shown only this once, write it down\): (\S+) \/ (\S+)/,
    5_000,
  );
  expect(email).toBe("admin@demo.local");
  expect(first.output).toContain("embedded PostgreSQL running");
  expect(first.output).toMatch(
    new RegExp(`TrueScreen sandbox: +http://127\\.0\\.0\\.1:${env.TRUESCREEN_SANDBOX_PORT}`),
  );
  expect(first.output).toMatch(/webhook signing secret: whsec_/);
  expect(processesMentioning(path.join(dataDir, "postgres")).length).toBeGreaterThan(0);
  // The password is stored nowhere in clear.
  expect(
    fs
      .readdirSync(dataDir)
      .some(
        (file) =>
          fs.statSync(path.join(dataDir, file)).isFile() &&
          fs.readFileSync(path.join(dataDir, file), "utf8").includes(password!),
      ),
  ).toBe(false);

  const page = await browser.newPage({ baseURL: `http://localhost:${port}` });
  const login = await page.goto("/login");
  expect(login?.status()).toBe(200);
  await page.getByLabel("Email").fill(email!);
  await page.getByLabel("Password").fill(password!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("active-tenant")).toHaveText("Demo Compliance");
  await page.close();

  await first.interrupt();
  expect(processesMentioning(path.join(dataDir, "postgres"))).toEqual([]);

  const second = new CertdeskProcess(env);
  await second.waitForOutput(/Certdesk is ready at/, 120_000);
  expect(second.output).toContain("database schema is up to date");
  expect(second.output).not.toContain("Demo login");
  const again = await browser.newPage({ baseURL: `http://localhost:${port}` });
  await again.goto("/login");
  await again.getByLabel("Email").fill(email!);
  await again.getByLabel("Password").fill(password!);
  await again.getByRole("button", { name: "Sign in" }).click();
  await expect(again.getByTestId("active-tenant")).toHaveText("Demo Compliance");
  await again.close();
  await second.interrupt();
  expect(processesMentioning(path.join(dataDir, "postgres"))).toEqual([]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("with DATABASE_URL, npm start uses that server and starts no database", async () => {
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-external-"));
  const external = await startEmbeddedPostgres({
    dataDir: serverDir,
    port: await freePort(),
    database: "external_certdesk",
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-start-url-"));
  try {
    const port = await freePort();
    const run = new CertdeskProcess({
      CERTDESK_DATA_DIR: dataDir,
      PORT: String(port),
      DATABASE_URL: external.url,
      NEXTAUTH_URL: undefined,
      CERTDESK_SANDBOX: "off",
    });
    await run.waitForOutput(/Certdesk is ready at/, 120_000);
    expect(run.output).toMatch(
      /using DATABASE_URL postgres:\/\/certdesk:\*\*\*\*@127\.0\.0\.1:\d+\/external_certdesk/,
    );
    expect(run.output).not.toContain("embedded PostgreSQL running");
    expect(fs.existsSync(path.join(dataDir, "postgres"))).toBe(false);
    expect(processesMentioning(dataDir).filter((line) => line.includes("postgres -D"))).toEqual([]);
    expect((await fetch(`http://localhost:${port}/login`)).status).toBe(200);

    const client = new pg.Client({ connectionString: external.url });
    await client.connect();
    const tenants = (await client.query('select name from "Tenant"')).rows.map((row) => row.name);
    const migrations = (
      await client.query("select migration_name from _prisma_migrations where finished_at is not null")
    ).rowCount;
    await client.end();
    expect(tenants).toEqual(["Demo Compliance"]);
    expect(migrations).toBeGreaterThan(0);
    await run.interrupt();
  } finally {
    await external.stop();
    fs.rmSync(serverDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
