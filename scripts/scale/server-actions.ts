// Calling a server action over HTTP as the browser does: POST to a page that uses it, with the action's id (from the
// production build's manifest) in `Next-Action` and the arguments as JSON; the answer is an RSC stream whose row 0
// names the row holding the action's result.
import fs from "node:fs";
import path from "node:path";

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

export interface ServerAction {
  id: string;
  /** A page whose bundle holds the action: where the browser would post it. */
  page: string;
}

export function findServerAction(
  manifest: { node?: Record<string, ManifestEntry> },
  filename: string,
  exportedName: string,
): ServerAction {
  for (const [id, entry] of Object.entries(manifest.node ?? {})) {
    if (entry.filename !== filename || entry.exportedName !== exportedName) continue;
    const pages = Object.keys(entry.workers).filter((name) => name.endsWith("/page"));
    if (pages.length === 0) throw new Error(`Server action ${exportedName} is used by no page`);
    // A page without dynamic segments: its URL is known.
    const page = pages.find((name) => !name.includes("["));
    if (!page) throw new Error(`Server action ${exportedName} is used only by pages with dynamic segments`);
    return { id, page: pageUrl(page) };
  }
  throw new Error(`No server action ${exportedName} of ${filename} in the build (run npm run build)`);
}

/** "app/(dashboard)/claims/bulk/page" → "/claims/bulk" (route groups are not in the URL). */
export function pageUrl(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((segment) => segment && !/^\(.*\)$/.test(segment));
  if (segments.some((segment) => segment.startsWith("[")))
    throw new Error(`The page ${worker} has dynamic segments: post the action elsewhere`);
  return "/" + segments.join("/");
}

export function readActionManifest(root = process.cwd()) {
  const file = path.join(root, ".next", "server", "server-reference-manifest.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as { node?: Record<string, ManifestEntry> };
}

/** The action's returned value from its RSC answer. */
export function parseActionAnswer(text: string): unknown {
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const head = rows.get("0");
  if (head === undefined) throw new Error(`Not a server action answer: ${text.slice(0, 200)}`);
  const first = JSON.parse(head) as { a?: unknown };
  if (!("a" in first)) throw new Error(`The server action answered no result: ${text.slice(0, 200)}`);
  if (typeof first.a === "string" && /^\$@[0-9a-f]+$/.test(first.a)) {
    const row = rows.get(first.a.slice(2));
    if (row === undefined) throw new Error(`The answer has no row ${first.a.slice(2)}`);
    return JSON.parse(row);
  }
  return first.a;
}

export interface ActionCall {
  status: number;
  result: unknown;
}

/** Posts one action to `baseUrl` with the session cookie. */
export async function callServerAction(
  baseUrl: string,
  action: ServerAction,
  args: unknown[],
  cookie: string,
): Promise<ActionCall> {
  const origin = new URL(baseUrl).origin;
  const response = await fetch(`${origin}${action.page}`, {
    method: "POST",
    headers: {
      "next-action": action.id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin,
      cookie,
    },
    body: JSON.stringify(args),
    redirect: "manual",
  });
  const text = await response.text();
  if (response.status !== 200) return { status: response.status, result: text.slice(0, 300) };
  return { status: response.status, result: parseActionAnswer(text) };
}
