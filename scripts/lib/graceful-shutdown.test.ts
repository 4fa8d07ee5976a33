// SIGTERM with a request in flight, against a real process running Certdesk's web server the way scripts/server.ts
// runs it: the request completes, new connections are refused at once, and the process exits 0.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import readline from "node:readline";
import { afterEach, describe, expect, it } from "vitest";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function start(slowMs: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join("scripts", "lib", "fixtures", "slow-web-server.ts"), String(slowMs)],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LOG_LEVEL: "info", NODE_ENV: "production" } },
  );
  children.push(child);
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{
    test: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }> = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on("line", (text) => {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text);
      } catch {
        return;
      }
      lines.push(line);
      for (const waiter of waiters.splice(0)) {
        if (waiter.test(line)) waiter.resolve(line);
        else waiters.push(waiter);
      }
    });
  }
  const waitFor = (msg: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const seen = lines.find((line) => line.msg === msg);
      if (seen) resolve(seen);
      else waiters.push({ test: (line) => line.msg === msg, resolve });
    });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, lines, waitFor, exited };
}

function get(port: number, pathname: string) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      const request = http.get({ host: "127.0.0.1", port, path: pathname, agent: false }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body, headers: response.headers }));
      });
      request.on("error", reject);
    },
  );
}

describe("graceful shutdown", () => {
  it("finishes the request in flight, refuses new connections, exits 0", async () => {
    const server = start(2500);
    const { port } = (await server.waitFor("listening")) as { port: number };
    expect((await get(port, "/quick")).body).toBe("ok");

    const slow = get(port, "/slow");
    await server.waitFor("slow request started");
    server.child.kill("SIGTERM");
    const draining = await server.waitFor("draining: new connections are refused");
    expect(draining.inFlight).toBe(1);

    // New connections are refused while the slow request is still being served.
    const refused = await get(port, "/quick").then(
      () => "answered",
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(refused).toBe("ECONNREFUSED");
    expect(server.child.exitCode).toBeNull();

    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(answer.body).toBe("finished");
    expect(answer.headers.connection).toBe("close");
    expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await server.exited).toBe(0);
    expect(server.lines.map((line) => line.msg)).toContain("stopped");
    // The slow request's log line carried its request id.
    const started = server.lines.find((line) => line.msg === "slow request started")!;
    expect(started.requestId).toBe(answer.headers["x-request-id"]);
  }, 60_000);

  it("exits 0 at once when nothing is in flight", async () => {
    const server = start(100);
    await server.waitFor("listening");
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 60_000);
});
