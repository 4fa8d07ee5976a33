import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderNginxConfig } from "./nginx-config";

const dir = "/tmp/certdesk-scale-test/nginx";
const settings = { dir, port: 3170, upstreams: [{ port: 3171 }, { port: 3172 }] };

describe("renderNginxConfig", () => {
  it("passes a request on to the other instance only on idempotent methods, and appends X-Forwarded-For", () => {
    const conf = renderNginxConfig(settings);
    expect(conf).toContain("proxy_next_upstream error timeout http_502;");
    expect(conf).not.toMatch(/^[^#]*non_idempotent/m);
    expect(conf).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    expect(conf).toContain("server 127.0.0.1:3171 max_fails=1 fail_timeout=2s;");
    expect(conf).toContain("server 127.0.0.1:3172 max_fails=1 fail_timeout=2s;");
    expect(conf).toContain("listen 127.0.0.1:3170;");
    expect(conf).not.toContain("{{");
  });

  it("marks an instance down for a rolling restart, never all of them", () => {
    const conf = renderNginxConfig({ ...settings, upstreams: [{ port: 3171, down: true }, { port: 3172 }] });
    expect(conf).toContain("server 127.0.0.1:3171 max_fails=1 fail_timeout=2s down;");
    expect(conf).toContain("server 127.0.0.1:3172 max_fails=1 fail_timeout=2s;");
    expect(() => renderNginxConfig({ ...settings, upstreams: [{ port: 3171, down: true }] })).toThrow(
      /not down/,
    );
    expect(() => renderNginxConfig({ ...settings, upstreams: [] })).toThrow(/not down/);
  });

  it("refuses folders and ports that would break or inject into the file", () => {
    expect(() => renderNginxConfig({ ...settings, dir: "relative/dir" })).toThrow(/absolute/);
    expect(() => renderNginxConfig({ ...settings, dir: "/tmp/a dir" })).toThrow(/spaces/);
    expect(() => renderNginxConfig({ ...settings, dir: "/tmp/x;\nuser root" })).toThrow(/spaces/);
    expect(() => renderNginxConfig({ ...settings, port: 70_000 })).toThrow(/not a port/);
    expect(() => renderNginxConfig({ ...settings, upstreams: [{ port: 1.5 }] })).toThrow(/not a port/);
  });

  it("fails on a template name it has no value for, and on a value the template does not use", () => {
    expect(() => renderNginxConfig(settings, "listen {{port}}; {{dir}} {{upstreams}} {{secret}}")).toThrow(
      /no value for \{\{secret\}\}/,
    );
    expect(() => renderNginxConfig(settings, "listen {{port}}; {{dir}}")).toThrow(/upstreams not used/);
  });

  const nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((file) => fs.existsSync(file));
  it.skipIf(!nginx)("is a configuration nginx itself accepts (nginx -t)", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-nginx-test-"));
    try {
      fs.chmodSync(tmp, 0o755);
      const conf = path.join(tmp, "nginx.conf");
      fs.writeFileSync(conf, renderNginxConfig({ ...settings, dir: tmp }));
      const output = execFileSync(nginx!, ["-e", path.join(tmp, "error.log"), "-p", tmp, "-c", conf, "-t"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      expect(output).toBe("");
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
