// Where the browser tests' own Certdesk runs (see playwright.config.ts): its own port, data folder and database.
import path from "node:path";

const appPort = Number(process.env.E2E_APP_PORT ?? 3100);

export const E2E = {
  appPort,
  appUrl: `http://localhost:${appPort}`,
  postgresPort: Number(process.env.E2E_POSTGRES_PORT ?? 55433),
  truescreenPort: Number(process.env.E2E_TRUESCREEN_PORT ?? 4110),
  trustedformPort: Number(process.env.E2E_TRUSTEDFORM_PORT ?? 4120),
  dataDir: path.resolve(".data/e2e"),
  /** The e2e server's one operator (CERTDESK_OPERATOR_EMAILS). */
  operatorEmail: "operator@e2e.example",
};
