import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/support/e2e-env";

// Debian's Chromium (apt-get install chromium): Playwright's own browser download is not reachable here.
const chromiumArgs = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: E2E.appUrl,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // The real one-command start, on a fresh data folder: embedded PostgreSQL, migrations, seed, production build.
  webServer: {
    command: `rm -rf ${E2E.dataDir} && node --import tsx scripts/start.ts`,
    url: `${E2E.appUrl}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      CERTDESK_DATA_DIR: E2E.dataDir,
      EMBEDDED_PG_PORT: String(E2E.postgresPort),
      PORT: String(E2E.appPort),
      NEXTAUTH_URL: E2E.appUrl,
      TRUESCREEN_SANDBOX_PORT: String(E2E.truescreenPort),
      TRUSTEDFORM_SANDBOX_PORT: String(E2E.trustedformPort),
      CERTDESK_OPERATOR_EMAILS: E2E.operatorEmail,
    },
  },
});
