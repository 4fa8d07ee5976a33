// Renders nginx.conf.template for the scale check: every {{name}} must be given and every value used.
import fs from "node:fs";
import path from "node:path";

export interface NginxSettings {
  /** The folder nginx keeps its pid, logs and temporary files in. */
  dir: string;
  /** The proxy's port on 127.0.0.1. */
  port: number;
  /** The app instances on 127.0.0.1; one marked down gets no new requests (a rolling restart's first step). */
  upstreams: Array<{ port: number; down?: boolean }>;
  /** Seconds an instance is left out after a failed connection. */
  failTimeoutSeconds?: number;
}

const TEMPLATE = path.join(import.meta.dirname, "nginx.conf.template");

export function renderNginxConfig(
  settings: NginxSettings,
  template = fs.readFileSync(TEMPLATE, "utf8"),
): string {
  if (!settings.upstreams.some((upstream) => !upstream.down))
    throw new Error("nginx needs at least one upstream that is not down");
  for (const port of [settings.port, ...settings.upstreams.map((upstream) => upstream.port)])
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a port: ${port}`);
  if (!path.isAbsolute(settings.dir) || /[\s;{}'"$]/.test(settings.dir))
    throw new Error(`nginx's folder must be an absolute path without spaces or quotes: ${settings.dir}`);
  const failTimeout = settings.failTimeoutSeconds ?? 2;
  const values: Record<string, string> = {
    dir: settings.dir,
    port: String(settings.port),
    upstreams: settings.upstreams
      .map(
        ({ port, down }) =>
          `    server 127.0.0.1:${port} max_fails=1 fail_timeout=${failTimeout}s${down ? " down" : ""};`,
      )
      .join("\n"),
  };
  const unused = new Set(Object.keys(values));
  const rendered = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`nginx template: no value for {{${name}}}`);
    unused.delete(name);
    return value;
  });
  if (unused.size) throw new Error(`nginx template: ${[...unused].join(", ")} not used`);
  return rendered;
}
