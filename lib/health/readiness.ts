// This process's readiness probe: its checks (check-readiness.ts) against the database Certdesk connects to (a
// one-connection pool of its own, so a busy app pool never makes the probe fail, and the probe never takes one of the
// app's connections), the release's migrations folder and the configured evidence storage.
import path from "node:path";
import { pgPool } from "@/lib/db/pg-connections";
import { evidenceStore } from "@/lib/evidence/evidence-store";
import { createReadinessProbe, type Readiness } from "./check-readiness";

const KEY = Symbol.for("certdesk.readiness");
const holder = globalThis as typeof globalThis & { [KEY]?: () => Promise<Readiness> };

export function checkReadiness(): Promise<Readiness> {
  holder[KEY] ??= createReadinessProbe({
    query: (sql) => pgPool("certdesk-readiness", 1).query(sql),
    migrationsDir: path.join(process.cwd(), "prisma", "migrations"),
    store: evidenceStore,
  });
  return holder[KEY]();
}
