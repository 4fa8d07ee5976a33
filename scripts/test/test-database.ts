// A throw-away PostgreSQL database for a test run, migrated to the current schema, with the same three roles as
// the embedded default (lib/db/database-roles.ts), so that every test runs as the least-privilege app role:
// - with DATABASE_URL set (a superuser of that server), a new database named certdesk_test_<random> on that server
//   with its own owner and app roles (all dropped afterwards), so a test run never touches the data of the
//   database DATABASE_URL names;
// - otherwise an embedded PostgreSQL in a temporary folder on a free port (removed afterwards).
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { dropDatabaseRoles, provisionDatabaseRoles, urlForRole } from "@/lib/db/database-roles";
import { dropDatabase, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrateDatabase } from "@/lib/setup/migrate-database";

export interface TestDatabase {
  /** The app role: what the code under test uses (DATABASE_URL). */
  url: string;
  /** The owner: migrations, and tools that need to own the tables (ANALYZE in the benchmarks). */
  ownerUrl: string;
  /** A superuser: only for tests that play an attacker with full database access. */
  superuserUrl: string;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const url = new URL(external);
    const name = `certdesk_test_${label.replaceAll("-", "_")}_${crypto.randomBytes(4).toString("hex")}`;
    url.pathname = `/${name}`;
    const superuserUrl = url.toString();
    const password = () => crypto.randomBytes(18).toString("base64url");
    const roles = {
      owner: { name: `${name}_owner`, password: password() },
      app: { name: `${name}_app`, password: password() },
    };
    await provisionDatabaseRoles(superuserUrl, roles);
    const ownerUrl = urlForRole(superuserUrl, roles.owner);
    await migrateDatabase(ownerUrl);
    return {
      url: urlForRole(superuserUrl, roles.app),
      ownerUrl,
      superuserUrl,
      close: async () => {
        await dropDatabase(superuserUrl);
        await dropDatabaseRoles(superuserUrl, roles);
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `certdesk-${label}-`));
  const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "certdesk" });
  await migrateDatabase(embedded.ownerUrl);
  return {
    url: embedded.appUrl,
    ownerUrl: embedded.ownerUrl,
    superuserUrl: embedded.url,
    close: async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
