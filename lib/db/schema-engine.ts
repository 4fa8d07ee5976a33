// Prisma's schema engine as WebAssembly. The native engine binary is downloaded from a host that is not
// reachable from our machines, so migrations are diffed and applied through @prisma/schema-engine-wasm and
// the pg driver adapter instead. It records migrations in the standard _prisma_migrations table, so
// `prisma migrate deploy` stays compatible on a machine that has the native engine.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PROTECT_AUDIT_LOG } from "./database-roles";

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
// The schema as of the newest migration: diffing from the live database is broken in this engine version
// ("Column type 'char' could not be deserialized"), so new migrations are diffed from this snapshot.
export const SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");

type Bg = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
type Engine = Awaited<ReturnType<Bg["SchemaEngine"]["new"]>>;

let loaded: Promise<Bg> | undefined;

function loadWasm(): Promise<Bg> {
  loaded ??= (async () => {
    // The engine reports a Rust panic through this global before throwing; without it the panic itself crashes.
    const registry = {
      message: "",
      set_message(text: string) {
        this.message = `RuntimeError: ${text}`;
      },
    };
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof registry }).PRISMA_WASM_PANIC_REGISTRY ??= registry;
    const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm")),
      "schema_engine_bg.wasm",
    );
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })();
  return loaded;
}

interface ScriptAdapter {
  executeScript(script: string): Promise<void>;
  underlyingDriver(): { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
}

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every ";", which breaks statements with a ";"
 * inside them (PL/pgSQL function bodies, string literals). PostgreSQL's simple query protocol runs a whole
 * multi-statement script in one round trip, as one implicit transaction, which is what the native engine does too.
 */
function runScriptsWhole(factory: PrismaPg): PrismaPg {
  const patch = <T>(adapter: T): T => {
    const scripted = adapter as unknown as ScriptAdapter;
    scripted.executeScript = async (script: string) => {
      try {
        await scripted.underlyingDriver().query(script);
      } catch (error) {
        scripted.onError(error);
      }
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => patch(await connect());
  factory.connectToShadowDb = async () => patch(await connectToShadowDb());
  return factory;
}

const noFilters = { externalTables: [], externalEnums: [] };

export async function withSchemaEngine<T>(
  connectionString: string,
  schema: string,
  run: (engine: Engine) => Promise<T>,
): Promise<T> {
  const bg = await loadWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(runScriptsWhole(new PrismaPg({ connectionString })));
  const engine = await bg.SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, adapter);
  try {
    return await run(engine);
  } finally {
    engine.free();
  }
}

export function readMigrationsList(dir = MIGRATIONS_DIR) {
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: {
          tag: "ok" as const,
          value: fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"),
        },
      },
    })),
  };
}

/**
 * Applies every migration folder not yet applied, then creates or migrates pg-boss's schema and queues, then takes
 * from every role but the owner any right to change the audit log (database-roles.ts). Run it as the database
 * owner (DATABASE_OWNER_URL, or the embedded database's owner role): what it creates belongs to that role, and the
 * app role gets rows only. Returns the names of the migrations applied now.
 */
export async function applyMigrations(connectionString: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const schema = fs.readFileSync(SCHEMA_PATH, "utf8");
  const applied = await withSchemaEngine(connectionString, schema, async (engine) => {
    const result = await engine.applyMigrations({
      migrationsList: readMigrationsList(dir),
      filters: noFilters,
    });
    return result.appliedMigrationNames;
  });
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(PROTECT_AUDIT_LOG);
  } finally {
    await client.end();
  }
  return applied;
}

/**
 * SQL that takes a database from the `from` schema (or empty) to the `to` schema. It changes nothing, but the
 * engine opens a connection all the same, so it needs a reachable database.
 */
export async function diffSchemas(
  connectionString: string,
  from: string | null,
  to: string,
): Promise<string> {
  return withSchemaEngine(connectionString, to, async (engine) => {
    const result = await engine.diff({
      from:
        from === null
          ? { tag: "empty" }
          : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      shadowDatabaseUrl: null,
      filters: noFilters,
    } as Parameters<Engine["diff"]>[0]);
    return result.stdout ?? "";
  });
}
