// A throw-away PostgreSQL database for a test run, migrated to the current schema:
// - with DATABASE_URL set, a new database named certdesk_test_<random> on that server (dropped afterwards),
//   so a test run never touches the data of the database DATABASE_URL names;
// - otherwise an embedded PostgreSQL in a temporary folder on a free port (removed afterwards).
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/schema-engine";

export interface TestDatabase {
  url: string;
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
    url.pathname = `/certdesk_test_${label}_${crypto.randomBytes(4).toString("hex")}`;
    await ensureDatabase(url.toString());
    await applyMigrations(url.toString());
    return { url: url.toString(), close: () => dropDatabase(url.toString()) };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `certdesk-${label}-`));
  const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "certdesk" });
  await applyMigrations(embedded.url);
  return {
    url: embedded.url,
    close: async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
