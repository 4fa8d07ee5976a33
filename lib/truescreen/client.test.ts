// The TrueScreen client's money rule over real HTTP: which failures are repeated, which are "unknown", and the words
// for every documented problem code.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import {
  CreateOutcomeUnknownError,
  createHashCertification,
  getCertification,
  NotSentError,
  TrueScreenProblem,
} from "./client";
import { problemMessage } from "./truescreen-problem";

const input = {
  title: "t",
  files: [{ file_name: "a", hash: "a".repeat(64) }],
  generate_pdf_report: true,
};
let server: http.Server | null = null;

afterEach(async () => {
  if (server) await new Promise((resolve) => server!.close(resolve));
  server = null;
});

async function serve(
  answers: Array<(res: http.ServerResponse) => void>,
): Promise<{ baseUrl: string; calls: () => number }> {
  let calls = 0;
  server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => (answers[Math.min(calls++, answers.length - 1)] ?? (() => {}))(response));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Stands in for a sandbox of the deployment: the outbound guard lets only those reach loopback.
  allowSandboxOrigins(baseUrl);
  return { baseUrl, calls: () => calls };
}

const problem =
  (status: number, code: string, extra: Record<string, string> = {}) =>
  (res: http.ServerResponse) =>
    res
      .writeHead(status, { "content-type": "application/problem+json", ...extra })
      .end(JSON.stringify({ type: "x", title: "x", status, detail: `detail ${code}`, code }));
const created = (res: http.ServerResponse) =>
  res
    .writeHead(201, { "content-type": "application/json" })
    .end(JSON.stringify({ report_id: "r1", status: "pending", credits_amount: 1 }));

describe("create calls", () => {
  it("repeats after TrueScreen's own 429 or 503 problem (nothing created), honouring Retry-After", async () => {
    const s = await serve([problem(429, "TS-000", { "retry-after": "0" }), problem(503, "TS-000"), created]);
    const result = await createHashCertification({ baseUrl: s.baseUrl, apiKey: "k" }, input);
    expect(result.report_id).toBe("r1");
    expect(s.calls()).toBe(3);
  });

  it("never repeats a bare gateway 5xx, a 500 or a dropped connection: the outcome is unknown", async () => {
    for (const answer of [
      (res: http.ServerResponse) =>
        res.writeHead(502, { "content-type": "text/html" }).end("<html>bad gateway</html>"),
      problem(500, "TS-000"),
      (res: http.ServerResponse) => res.socket!.destroy(),
    ]) {
      const s = await serve([answer, created]);
      await expect(
        createHashCertification({ baseUrl: s.baseUrl, apiKey: "k" }, input),
      ).rejects.toBeInstanceOf(CreateOutcomeUnknownError);
      expect(s.calls()).toBe(1);
      await new Promise((resolve) => server!.close(resolve));
      server = null;
    }
  });

  it("a timeout is unknown too", async () => {
    const s = await serve([() => {}]);
    await expect(
      createHashCertification({ baseUrl: s.baseUrl, apiKey: "k" }, input, { timeoutMs: 300 }),
    ).rejects.toBeInstanceOf(CreateOutcomeUnknownError);
    expect(s.calls()).toBe(1);
  });

  it("a refused connection never reached TrueScreen: repeated, then NotSentError", async () => {
    const s = await serve([created]);
    const baseUrl = s.baseUrl;
    await new Promise((resolve) => server!.close(resolve));
    server = null;
    await expect(
      createHashCertification({ baseUrl, apiKey: "k" }, input, { attempts: 2 }),
    ).rejects.toBeInstanceOf(NotSentError);
  });

  it("turns 4xx problems into typed errors that keep code, status and detail", async () => {
    const s = await serve([problem(400, "TS-008")]);
    const error = await createHashCertification({ baseUrl: s.baseUrl, apiKey: "k" }, input).catch((e) => e);
    expect(error).toBeInstanceOf(TrueScreenProblem);
    expect(error).toMatchObject({ status: 400, code: "TS-008", detail: "detail TS-008" });
    expect(error.message).toMatch(/Buy credits/);
    expect(s.calls()).toBe(1);
  });
});

describe("getCertification", () => {
  it("answers TS-014, TS-009 and TS-010 as verdicts, anything else as an error to retry later", async () => {
    for (const code of ["TS-014", "TS-009", "TS-010"]) {
      const s = await serve([problem(code === "TS-014" ? 500 : code === "TS-009" ? 410 : 404, code)]);
      const lookup = await getCertification({ baseUrl: s.baseUrl, apiKey: "k" }, "r1");
      expect(lookup).toMatchObject({ kind: "problem", problem: { code } });
      await new Promise((resolve) => server!.close(resolve));
      server = null;
    }
    const s = await serve([(res) => res.writeHead(503).end()]);
    await expect(getCertification({ baseUrl: s.baseUrl, apiKey: "k" }, "r1")).rejects.toBeInstanceOf(
      TrueScreenProblem,
    );
  });
});

it("has words and an action for every documented certification code", () => {
  const generic = problemMessage(400, null, null);
  for (const code of [
    "TS-000",
    "TS-001",
    "TS-002",
    "TS-008",
    "TS-009",
    "TS-010",
    "TS-011",
    "TS-012",
    "TS-013",
    "TS-014",
  ]) {
    const message = problemMessage(400, code, "the field title is missing");
    expect(message).not.toBe(generic);
    expect(message.length).toBeGreaterThan(30);
  }
  expect(problemMessage(401, "TS-401", null)).toMatch(/Settings > Connections/);
  expect(problemMessage(502, null, null)).toMatch(/HTTP 502/);
});
