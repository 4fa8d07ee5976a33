/**
 * next-auth's `redirect` callback: where to send the browser after signing in or out, from a `callbackUrl` that
 * anyone can put in a link or a cookie. Only a relative path or an absolute URL on the app's own origin passes;
 * anything else (another host, "//evil.example", "http://localhost:3000.evil.example/", "javascript:", userinfo,
 * a string that is not a URL at all) answers the app's base URL. It never throws: next-auth turns a throw into a
 * 500 page.
 */
export function sameOriginRedirect({ url, baseUrl }: { url: unknown; baseUrl: string }): string {
  try {
    const base = new URL(baseUrl);
    if (typeof url !== "string" || url.length > 2000) return baseUrl;
    // Backslashes and control characters are rewritten or dropped by URL parsers ("/\evil.example", "/\t/evil").
    if (/[\\\u0000-\u001f\u007f]/.test(url)) return baseUrl;
    const target = new URL(url, base);
    if (target.origin !== base.origin || target.username || target.password) return baseUrl;
    return target.href;
  } catch {
    return baseUrl;
  }
}
