export function formatBytes(bytes: number | bigint | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  const n = Number(bytes);
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * Speed and time left of a transfer or hashing run that started at `startedAt` (ms) and has done `done` of `total`
 * bytes at `now`: null until there is something to measure (under 0.2 s, or nothing done yet).
 */
export function transferEstimate(
  done: number,
  total: number,
  startedAt: number,
  now: number,
): { bytesPerSecond: number; secondsLeft: number } | null {
  const seconds = (now - startedAt) / 1000;
  if (!(seconds > 0.2) || !(done > 0)) return null;
  const bytesPerSecond = done / seconds;
  return { bytesPerSecond, secondsLeft: Math.max(0, total - done) / bytesPerSecond };
}

/** "12.3 MB/s, 40 s left" for a transfer or hashing run. */
export function rateLine(done: number, total: number, startedAt: number, now: number): string {
  const estimate = transferEstimate(done, total, startedAt, now);
  if (!estimate) return `${formatBytes(done)} of ${formatBytes(total)}`;
  return `${formatBytes(done)} of ${formatBytes(total)} · ${formatBytes(estimate.bytesPerSecond)}/s · ${done >= total ? "done" : `${formatDuration(estimate.secondsLeft)} left`}`;
}
