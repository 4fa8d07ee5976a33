// The client address for throttling and the audit log: the last X-Forwarded-For entry, which is the one written
// by the nearest hop (Next.js itself when nothing stands in front of it, otherwise the reverse proxy).
export function clientIp(
  headers: { get(name: string): string | null } | Record<string, string | string[] | undefined>,
): string | null {
  const raw =
    typeof (headers as { get?: unknown }).get === "function"
      ? (headers as { get(name: string): string | null }).get("x-forwarded-for")
      : (headers as Record<string, string | string[] | undefined>)["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  if (!value) return null;
  const last = value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .pop();
  if (!last) return null;
  return last.replace(/^::ffff:/, "").slice(0, 64);
}
