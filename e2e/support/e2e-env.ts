// Where the browser tests' own Certdesk runs (see playwright.config.ts): its own port, data folder and database.
import path from "node:path";

const appPort = Number(process.env.E2E_APP_PORT ?? 3100);

export const E2E = {
  appPort,
  appUrl: `http://localhost:${appPort}`,
  postgresPort: Number(process.env.E2E_POSTGRES_PORT ?? 55433),
  truescreenPort: Number(process.env.E2E_TRUESCREEN_PORT ?? 4110),
  trustedformPort: Number(process.env.E2E_TRUSTEDFORM_PORT ?? 4120),
  // The SMTP server e2e/notices.spec.ts starts to receive notice emails (nothing listens there otherwise).
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? 4130),
  // The local receiver of e2e/webhooks.spec.ts: the server allows it in CERTDESK_WEBHOOK_ALLOWED_HOSTS.
  webhookPort: Number(process.env.E2E_WEBHOOK_PORT ?? 4140),
  dataDir: path.resolve(".data/e2e"),
  /** /metrics's Bearer token on the e2e server (e2e/operations.spec.ts). */
  metricsToken: "e2e-metrics-token",
  /** The e2e server's one operator (CERTDESK_OPERATOR_EMAILS). */
  operatorEmail: "operator@e2e.example",
};
