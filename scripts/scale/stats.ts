// Percentiles and the report's table.

/** The nearest-rank percentile (p in 0..100) of the values; NaN for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface RouteSummary {
  route: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
}

/** One row per route (milliseconds), busiest first. */
export function summarizeRoutes(
  requests: Array<{ route: string; ms: number; failed: boolean }>,
): RouteSummary[] {
  const byRoute = new Map<string, { ms: number[]; errors: number }>();
  for (const r of requests) {
    const bucket = byRoute.get(r.route) ?? { ms: [], errors: 0 };
    bucket.ms.push(r.ms);
    if (r.failed) bucket.errors += 1;
    byRoute.set(r.route, bucket);
  }
  return [...byRoute.entries()]
    .map(([route, { ms, errors }]) => ({
      route,
      requests: ms.length,
      errors,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      p99: percentile(ms, 99),
    }))
    .sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route));
}

/** A plain-text table: the first row is the header; numeric-looking cells are right-aligned. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  const numeric = /^-?[\d.,]+( ?(ms|s|%|\/s))?$/;
  return rows
    .map((row, index) => {
      const line = row
        .map((cell, column) =>
          index > 0 && numeric.test(cell) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
        )
        .join("  ")
        .trimEnd();
      return index === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
    })
    .join("\n");
}

export function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : "-";
}
