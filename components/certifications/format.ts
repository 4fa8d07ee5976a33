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

/** "12.3 MB/s, 40 s left" for a transfer or hashing run. */
export function rateLine(done: number, total: number, startedAt: number, now: number): string {
  const seconds = (now - startedAt) / 1000;
  if (seconds <= 0.2 || done === 0) return `${formatBytes(done)} of ${formatBytes(total)}`;
  const rate = done / seconds;
  const left = (total - done) / rate;
  return `${formatBytes(done)} of ${formatBytes(total)} · ${formatBytes(rate)}/s · ${done >= total ? "done" : `${formatDuration(left)} left`}`;
}
