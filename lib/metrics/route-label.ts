// The `route` label of the HTTP metrics: the app's route pattern a path matches ("/claims/[id]"), never the raw
// path, so the label set stays as small as the app's route list whatever paths clients send. The patterns come
// from the production build's manifest (.next/app-path-routes-manifest.json) or, without a build (development), from
// the app/ folder's page and route files.
import fs from "node:fs";
import path from "node:path";

export const UNMATCHED_ROUTE = "other";

interface CompiledRoute {
  pattern: string;
  regex: RegExp;
  /** Static segments first: "/claims/new" wins over "/claims/[id]". */
  weight: number;
}

function compile(pattern: string): CompiledRoute | null {
  const segments = pattern.split("/").filter(Boolean);
  let weight = 0;
  const parts: string[] = [];
  for (const segment of segments) {
    if (/^\[\[\.\.\.[^\]]+\]\]$/.test(segment)) parts.push("(?:/[^/]+)*");
    else if (/^\[\.\.\.[^\]]+\]$/.test(segment)) parts.push("(?:/[^/]+)+");
    else if (/^\[[^\]]+\]$/.test(segment)) parts.push("/[^/]+");
    else {
      parts.push(`/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
      weight += 1;
    }
  }
  return { pattern: pattern || "/", regex: new RegExp(`^${parts.join("") || "/"}/?$`), weight };
}

export function createRouteLabeler(patterns: Iterable<string>): (pathname: string) => string {
  const routes = [...new Set(patterns)]
    .map(compile)
    .filter((route): route is CompiledRoute => route !== null)
    .sort((a, b) => b.weight - a.weight || b.pattern.length - a.pattern.length);
  return (pathname) => {
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    if (pathname.startsWith("/_next/image")) return "/_next/image";
    if (pathname.startsWith("/_next/")) return "/_next";
    if (pathname === "/metrics") return "/metrics";
    for (const route of routes) if (route.regex.test(pathname)) return route.pattern;
    return UNMATCHED_ROUTE;
  };
}

/** "/(auth)/login/page" or "app/(auth)/login/page.tsx" as the URL pattern "/login". */
function toUrlPattern(routePath: string): string {
  const segments = routePath
    .split("/")
    .filter(Boolean)
    .filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith("@"));
  return `/${segments.join("/")}`;
}

/** The app's route patterns: the build's manifest when there is one, else the app/ folder. */
export function readRoutePatterns(projectDir: string): string[] {
  const manifest = path.join(projectDir, ".next", "app-path-routes-manifest.json");
  if (fs.existsSync(manifest)) {
    const routes = JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, string>;
    return Object.values(routes).map(toUrlPattern);
  }
  const appDir = path.join(projectDir, "app");
  const patterns: string[] = [];
  const walk = (relative: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(appDir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!entry.name.startsWith("_")) walk(relative ? `${relative}/${entry.name}` : entry.name);
      } else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) patterns.push(toUrlPattern(relative));
    }
  };
  walk("");
  return patterns;
}
