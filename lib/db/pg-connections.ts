// Plain node-postgres connections, for the few hot paths where Prisma's per-statement cost shows (bulk claims' group
// commit) and for session-level advisory locks (which need a connection of their own). Fenced by lint like the
// unscoped Prisma client: tenant code reaches these only through modules whose every statement takes the tenant id.
import pg from "pg";
import { config } from "@/lib/config";

function connectionString(): string {
  const url = config().DATABASE_URL;
  if (!url)
    throw new Error(
      "DATABASE_URL is not set. Start Certdesk with `npm start`, which provides one, or set it yourself.",
    );
  return url;
}

const pools = new Map<string, pg.Pool>();

/**
 * A small pool per purpose, created on first use and shared by the process. `sessionOptions` are its sessions'
 * settings (PostgreSQL's startup `options`, e.g. "-c synchronous_commit=off"), taken when the pool is created.
 */
export function pgPool(name: string, max = 4, sessionOptions?: string): pg.Pool {
  let pool = pools.get(name);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: connectionString(),
      ...(sessionOptions ? { options: sessionOptions } : {}),
      max,
      idleTimeoutMillis: 5000,
      allowExitOnIdle: true,
      application_name: name,
    });
    pools.set(name, pool);
  }
  return pool;
}

/** A connection of its own (session-level advisory locks live and die with it). The caller ends it. */
export async function pgClient(name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: connectionString(), application_name: name });
  await client.connect();
  return client;
}

export type { pg };
