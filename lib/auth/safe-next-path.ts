/**
 * Where to go after signing in, from a `next` query parameter: only a path of this app ("/invite?token=…"), never
 * another origin ("//evil.example", "/\\evil.example", "https://…"), so the login page cannot be an open redirect.
 */
export function safeNextPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  // Control characters (a tab or newline inside "/\t/evil.example") are dropped by URL parsers: refuse them.
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  const parsed = new URL(value, "http://certdesk.invalid");
  return parsed.origin === "http://certdesk.invalid" ? `${parsed.pathname}${parsed.search}` : fallback;
}
