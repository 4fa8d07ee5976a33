// The database for the account commands (user:reset-password, tenant:create), which are typically run while Certdesk
// runs: DATABASE_URL when set; otherwise the embedded PostgreSQL of <CERTDESK_DATA_DIR> — the running one, reached as
// the app role, when its port is taken, or started (and migrated) for as long as the command runs.
import fs from "node:fs";
import path from "node:path";
import { readConfig } from "@/lib/config";
import { APP_ROLE, isPortFree } from "@/lib/db/embedded-postgres";
import { migrateDatabase } from "@/lib/setup/migrate-database";
import { ensureMasterKeys } from "./local-master-key";
import { openDatabase } from "./open-database";

export async function openAccountDatabase(): Promise<{ stop(): Promise<void> }> {
  const c = readConfig();
  const dataDir = path.resolve(c.CERTDESK_DATA_DIR);
  ensureMasterKeys(dataDir);
  const appPassword = path.join(dataDir, "postgres-app.password");
  if (!c.DATABASE_URL && !(await isPortFree(c.EMBEDDED_PG_PORT)) && fs.existsSync(appPassword)) {
    const password = fs.readFileSync(appPassword, "utf8").trim();
    process.env.DATABASE_URL = `postgres://${APP_ROLE}:${encodeURIComponent(password)}@127.0.0.1:${c.EMBEDDED_PG_PORT}/certdesk`;
    return { stop: async () => {} };
  }
  const database = await openDatabase();
  if (database.embedded) await migrateDatabase(database.ownerUrl);
  return { stop: async () => void (await database.embedded?.stop()) };
}
