// nginx's access log in the scale check's format (nginx.conf.template, `log_format scale`): one request per line,
// tab-separated: time (seconds.millis), method, URI, status, request time (seconds), upstream address(es), upstream
// status(es). Lines are grouped by route (ids replaced by `:id`) for the report.

export interface AccessLogEntry {
  at: number;
  method: string;
  uri: string;
  status: number;
  seconds: number;
  /** The instances tried, in order ("127.0.0.1:3171, 127.0.0.1:3172" when nginx passed the request on). */
  upstreams: string[];
  upstreamStatuses: string[];
}

export function parseAccessLog(text: string): { entries: AccessLogEntry[]; malformed: string[] } {
  const entries: AccessLogEntry[] = [];
  const malformed: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const fields = line.split("\t");
    const [at, method, uri, status, seconds, upstreams, upstreamStatuses] = fields;
    const entry = {
      at: Number(at),
      method: method ?? "",
      uri: uri ?? "",
      status: Number(status),
      seconds: Number(seconds),
      upstreams: splitList(upstreams),
      upstreamStatuses: splitList(upstreamStatuses),
    };
    if (
      fields.length !== 7 ||
      !Number.isFinite(entry.at) ||
      !/^[A-Z]+$/.test(entry.method) ||
      !Number.isInteger(entry.status) ||
      !Number.isFinite(entry.seconds)
    )
      malformed.push(line);
    else entries.push(entry);
  }
  return { entries, malformed };
}

function splitList(value: string | undefined): string[] {
  if (!value || value === "-") return [];
  return (
    value
      // "a, b" when nginx passed the request on; "a : b" across an internal redirect.
      .split(/\s*,\s*|\s+:\s+/)
      .map((part) => part.trim())
      .filter((part) => part && part !== "-")
  );
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** `GET /claims/batches/:id/progress` for `GET /claims/batches/<uuid>/progress?x=1`; long tokens become `:token`. */
export function routeOf(method: string, uri: string): string {
  const pathOnly = uri.split("?")[0]!;
  const route = pathOnly
    .replace(UUID, ":id")
    .split("/")
    .map((segment) => (segment.length > 40 && !segment.startsWith(":") ? ":token" : segment))
    .join("/");
  return `${method} ${route || "/"}`;
}

/** A request the proxy failed: anything but 2xx and 3xx (nginx's own 499 and 502/504 included). */
export function isFailure(status: number): boolean {
  return status < 200 || status >= 400;
}

/**
 * A POST the proxy sent to a second instance after the first had answered: every attempt but the last must be nginx's
 * own 502 for a connection it could not open (the request never left nginx), else the POST may have run twice.
 */
export function isPostSentAgain(entry: AccessLogEntry): boolean {
  return entry.method === "POST" && entry.upstreamStatuses.slice(0, -1).some((status) => status !== "502");
}
