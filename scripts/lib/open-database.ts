// The database for Certdesk's commands: DATABASE_URL when set (no database is started), otherwise the embedded
// PostgreSQL under <CERTDESK_DATA_DIR>/postgres, started for as long as the command runs. Two connections: `url`, the
// app role that everything but migrations uses (and that becomes DATABASE_URL), and `ownerUrl` for migrations
// (DATABASE_OWNER_URL; without it, DATABASE_URL's own role, which then owns the tables: see README "Security model").
import path from "node:path";
import { readConfig } from "@/lib/config";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded-postgres";

export interface OpenDatabase {
  url: string;
  ownerUrl: string;
  embedded: EmbeddedDatabase | null;
}

export async function openDatabase(): Promise<OpenDatabase> {
  const c = readConfig();
  if (c.DATABASE_URL)
    return { url: c.DATABASE_URL, ownerUrl: c.DATABASE_OWNER_URL ?? c.DATABASE_URL, embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(c.CERTDESK_DATA_DIR),
    port: c.EMBEDDED_PG_PORT,
    database: "certdesk",
    log: process.env.CERTDESK_DEBUG_POSTGRES ? (line) => process.stderr.write(line) : undefined,
  });
  process.env.DATABASE_URL = embedded.appUrl;
  return { url: embedded.appUrl, ownerUrl: embedded.ownerUrl, embedded };
}

/** The URL with its password hidden, for printing. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}
