// /api/ready's checks: the database answers, every migration this release ships is applied (a release started
// against an older schema is not ready; a newer schema, during a rolling upgrade, is), evidence storage takes a write
// and gives it back, and the process is not shutting down. The answer names only the checks that failed, never why
// (the endpoint needs no sign-in): { status: "ready" } or { status: "unavailable", failed: [...] }.
import fs from "node:fs";
import type { EvidenceStore } from "@/lib/evidence/evidence-store";
import { isDraining } from "./draining";

export type ReadinessCheck = "shutting_down" | "database" | "migrations" | "storage";

export interface Readiness {
  ready: boolean;
  failed: ReadinessCheck[];
}

export interface ReadinessProbeOptions {
  query: (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }>;
  /** The release's prisma/migrations folder. */
  migrationsDir: string;
  store: () => EvidenceStore;
  /** Each check gives up after this long (a database that does not answer is as down as one that refuses). */
  timeoutMs?: number;
  /** Answers are reused this long: the endpoint is public and a probe writes to storage. */
  cacheMs?: number;
}

export const PROBE_KEY = "health/readiness-probe";
const PROBE_BODY = "certdesk readiness probe\n";

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out")), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The migrations this release ships (the folder names under prisma/migrations). */
export function shippedMigrations(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function createReadinessProbe(options: ReadinessProbeOptions): () => Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const cacheMs = options.cacheMs ?? 2_000;
  let cached: { at: number; answer: Promise<Readiness> } | null = null;

  const database = async () => {
    await options.query("SELECT 1");
  };
  const migrations = async () => {
    // A function of the owner's (migration 20261206093600_readiness_probe): the app role cannot read the table.
    const { rows } = await options.query("SELECT certdesk_applied_migrations() AS migration_name");
    const applied = new Set(rows.map((row) => String(row.migration_name)));
    const missing = shippedMigrations(options.migrationsDir).filter((name) => !applied.has(name));
    if (missing.length) throw new Error(`not applied: ${missing.join(", ")}`);
  };
  const storage = async () => {
    const store = options.store();
    const body = new TextEncoder().encode(PROBE_BODY);
    await store.put(
      PROBE_KEY,
      new ReadableStream({
        start(controller) {
          controller.enqueue(body);
          controller.close();
        },
      }),
      "text/plain",
    );
    const read = await store.get(PROBE_KEY);
    if (!read || (await new Response(read).text()) !== PROBE_BODY) throw new Error("probe not read back");
  };

  const run = async (): Promise<Readiness> => {
    const checks: Array<[ReadinessCheck, () => Promise<void>]> = [
      ["database", database],
      ["migrations", migrations],
      ["storage", storage],
    ];
    const results = await Promise.all(
      checks.map(async ([name, check]) => {
        try {
          await withTimeout(check(), timeoutMs);
          return null;
        } catch {
          return name;
        }
      }),
    );
    const failed = results.filter((name): name is ReadinessCheck => name !== null);
    return { ready: failed.length === 0, failed };
  };

  return async () => {
    // Shutting down answers at once, whatever the other checks said a moment ago.
    if (isDraining()) return { ready: false, failed: ["shutting_down"] };
    if (!cached || Date.now() - cached.at > cacheMs) cached = { at: Date.now(), answer: run() };
    return cached.answer;
  };
}

/** The HTTP answer: 200 { status: "ready" }, or 503 { status: "unavailable", failed }. */
export function readinessResponse(readiness: Readiness): Response {
  return Response.json(
    readiness.ready ? { status: "ready" } : { status: "unavailable", failed: readiness.failed },
    { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
