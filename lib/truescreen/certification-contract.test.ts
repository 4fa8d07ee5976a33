// The TrueScreen client against the vendor's published examples (./fixtures), never against the simulator: every
// published answer must be read, a 2xx create answer of any shape must never become an error (the credits are
// spent), and the requests Certdesk sends must be the published ones. A local HTTP server plays TrueScreen.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import attachments from "./fixtures/file-certification-attachments.json";
import fileCertification from "./fixtures/file-certification.json";
import hashCertification from "./fixtures/hash-certification.json";
import statuses from "./fixtures/certification-status.json";
import webhooks from "./fixtures/webhooks.json";
import {
  certificationState,
  createFileCertification,
  createHashCertification,
  getCertification,
  registerUploads,
} from "./client";
import { readCreditBalance } from "./read-credit-balance";

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let baseUrl: string;
let next: { status: number; body: string; contentType: string } = {
  status: 201,
  body: "{}",
  contentType: "application/json",
};
const recorded: Recorded[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      recorded.push({
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(next.status, { "content-type": next.contentType }).end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Stands in for a sandbox of the deployment: the outbound guard lets only those reach loopback.
  allowSandboxOrigins(baseUrl);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function answerWith(status: number, body: unknown, contentType = "application/json") {
  next = { status, body: typeof body === "string" ? body : JSON.stringify(body), contentType };
}

const account = () => ({ baseUrl, apiKey: "ts_key_1" });

describe("requests and answers as published", () => {
  it("sends the published hash certification request and reads its 201", async () => {
    answerWith(201, hashCertification.response.body);
    recorded.length = 0;
    const created = await createHashCertification(account(), hashCertification.request.body);
    expect(recorded[0]).toMatchObject({ method: "POST", url: "/v1/hash-certifications" });
    expect(recorded[0]!.headers).toMatchObject({
      authorization: "Bearer ts_key_1",
      "content-type": "application/json",
    });
    expect(JSON.parse(recorded[0]!.body)).toEqual(hashCertification.request.body);
    expect(created).toMatchObject({
      report_id: "d8c2aef3-72a7-4a5f-b0e7-4308a88c6cff",
      status: "pending",
      credits_amount: 2,
      unreadable: [],
    });
  });

  it("sends the published attachment registration and file certification, and reads their 201s", async () => {
    answerWith(201, attachments.response.body);
    recorded.length = 0;
    const slots = await registerUploads(account(), attachments.request.body.files);
    expect(JSON.parse(recorded[0]!.body)).toEqual(attachments.request.body);
    expect(slots).toEqual(attachments.response.body);

    answerWith(201, fileCertification.response.body);
    recorded.length = 0;
    const created = await createFileCertification(account(), fileCertification.request.body);
    expect(recorded[0]).toMatchObject({ method: "POST", url: "/v1/file-certifications" });
    expect(JSON.parse(recorded[0]!.body)).toEqual(fileCertification.request.body);
    expect(created).toMatchObject({ report_id: "a1b2c3d4-e5f6-7890-abcd-ef1234567890", unreadable: [] });
  });

  it("reads the pending, completed and failed (TS-014) status answers", async () => {
    answerWith(200, statuses.pending.body);
    expect(await getCertification(account(), "d8c2aef3-72a7-4a5f-b0e7-4308a88c6cff")).toMatchObject({
      kind: "state",
      state: { status: "pending", files: [] },
    });
    answerWith(200, statuses.completed.body);
    const completed = await getCertification(account(), "d8c2aef3-72a7-4a5f-b0e7-4308a88c6cff");
    expect(completed).toMatchObject({ kind: "state", state: { status: "completed" } });
    expect(completed.kind === "state" && completed.state.files.map((f) => f.type)).toEqual([
      "data",
      "report",
      "xml",
    ]);
    answerWith(500, statuses.failed.body, statuses.failed.contentType);
    expect(await getCertification(account(), "d8c2aef3-72a7-4a5f-b0e7-4308a88c6cff")).toMatchObject({
      kind: "problem",
      problem: { status: 500, code: "TS-014", detail: "Digital sign error." },
    });
  });

  it("reads the completion webhook's data as the GET answer, artifacts of unknown types left out", () => {
    expect(certificationState.parse(webhooks.completed.data).files).toHaveLength(3);
    const extended = {
      ...webhooks.completed.data,
      status: "completed",
      files: [...webhooks.completed.data.files, { type: "thumbnail", url: "https://s3.example.com/t.png" }],
    };
    expect(certificationState.parse(extended).files.map((f) => f.type)).toEqual(["data", "report", "xml"]);
    // A status TrueScreen may add means "not done yet", not an unreadable answer.
    expect(certificationState.parse({ ...statuses.pending.body, status: "processing" }).status).toBe(
      "processing",
    );
  });
});

describe("a 2xx create answer is the certification made and paid for, whatever its body", () => {
  it("never throws on an unreadable 201 or 200, and says what could not be read", async () => {
    const odd: Array<[number, string, string, RegExp]> = [
      [201, "{}", "application/json", /credits_amount: missing; report_id: missing/],
      [201, JSON.stringify({ report_id: 7, credits_amount: "2" }), "application/json", /^$/],
      [
        201,
        JSON.stringify({ report_id: { id: "x" }, credits_amount: [2] }),
        "application/json",
        /report_id: an object/,
      ],
      [201, "Created", "text/plain", /the whole answer: a text/],
      [200, "<html>ok</html>", "text/html", /the whole answer/],
      [201, "", "application/json", /the whole answer/],
    ];
    for (const [status, body, contentType, note] of odd) {
      answerWith(status, body, contentType);
      const created = await createHashCertification(account(), hashCertification.request.body, {
        attempts: 1,
      });
      expect(created.unreadable.join("; "), body).toMatch(note);
    }
    answerWith(201, { report_id: 7, credits_amount: "2" });
    expect(await createHashCertification(account(), hashCertification.request.body)).toMatchObject({
      report_id: "7",
      credits_amount: 2,
    });
  });
});

describe("GET /v1/credits, whose shape is not published", () => {
  it("reads the plausible variants and nothing else", () => {
    for (const body of [
      { credits: 42 },
      { credits: "42" },
      { balance: 42 },
      { available_credits: 42 },
      { remaining_credits: 42 },
      { data: { credits: 42 } },
      { credits: { available: 42 } },
      42,
      "42",
    ])
      expect(readCreditBalance(body), JSON.stringify(body)).toBe(42);
    for (const body of [{}, { credits: null }, { credits: "many" }, [42], "", null, { data: {} }])
      expect(readCreditBalance(body), JSON.stringify(body)).toBeNull();
  });
});
