// The figures that live in the database, computed when Prometheus scrapes (at most once per CACHE_MS however often
// it does): certifications by status across all tenants, and each job queue's depth and the age of its oldest
// waiting job (pg-boss's job table). They describe the whole deployment, so only the web app's /metrics registers
// them (a worker's /metrics carries its own process's counters). The query function is handed in by the process
// (scripts/server.ts): nothing here opens a connection or reads tenant rows, only counts.
import client from "prom-client";
import { JOB_QUEUES } from "@/lib/jobs/job-queues";

export type CountQuery = (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }>;

const CACHE_MS = 5_000;

function cached<T>(load: () => Promise<T>): () => Promise<T> {
  let at = 0;
  let value: Promise<T> | null = null;
  return () => {
    if (!value || Date.now() - at > CACHE_MS) {
      at = Date.now();
      value = load();
      // A failed query is asked again at the next scrape, not served from the cache.
      value.catch(() => (value = null));
    }
    return value;
  };
}

export const CERTIFICATION_STATUSES = ["uploading", "creating", "pending", "completed", "error", "unknown"];

export function registerDatabaseGauges(registry: client.Registry, query: CountQuery): void {
  const certifications = cached(async () => {
    const { rows } = await query(
      `SELECT status::text AS status, count(*)::bigint AS n FROM "Certification" GROUP BY status`,
    );
    return rows.map((row) => ({ status: String(row.status), n: Number(row.n) }));
  });
  const queues = cached(async () => {
    const { rows } = await query(
      `SELECT name,
              count(*) FILTER (WHERE state < 'active') AS waiting,
              count(*) FILTER (WHERE state = 'active') AS active,
              coalesce(extract(epoch FROM now() - min(created_on) FILTER (WHERE state < 'active')), 0) AS oldest
         FROM pgboss.job WHERE state <= 'active' GROUP BY name`,
    );
    const byName = new Map(rows.map((row) => [String(row.name), row]));
    return Object.keys(JOB_QUEUES).map((name) => {
      const row = byName.get(name);
      return {
        queue: name,
        waiting: Number(row?.waiting ?? 0),
        active: Number(row?.active ?? 0),
        oldest: Number(row?.oldest ?? 0),
      };
    });
  });

  new client.Gauge({
    name: "certdesk_certifications",
    help: "Certifications across all tenants, by status (from the database, on scrape).",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      const counts = await certifications();
      for (const status of CERTIFICATION_STATUSES) this.set({ status }, 0);
      for (const { status, n } of counts) this.set({ status }, n);
    },
  });
  new client.Gauge({
    name: "certdesk_job_queue_waiting",
    help: "Jobs waiting in each pg-boss queue (created or retry), from the database on scrape.",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      for (const row of await queues()) this.set({ queue: row.queue }, row.waiting);
    },
  });
  new client.Gauge({
    name: "certdesk_job_queue_active",
    help: "Jobs a worker is working on in each pg-boss queue, from the database on scrape.",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      for (const row of await queues()) this.set({ queue: row.queue }, row.active);
    },
  });
  new client.Gauge({
    name: "certdesk_job_queue_oldest_waiting_seconds",
    help: "Age of the oldest waiting job in each pg-boss queue (0 when none waits), from the database on scrape.",
    labelNames: ["queue"] as const,
    registers: [registry],
    async collect() {
      for (const row of await queues()) this.set({ queue: row.queue }, row.oldest);
    },
  });
}
