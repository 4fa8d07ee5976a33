// The simulator against TrueScreen's published examples (lib/truescreen/fixtures): it must accept every published
// request and answer in exactly the published shapes; a failure webhook's data is the problem document GET answers,
// with no report_id. The client is held to the same fixtures in lib/truescreen/certification-contract.test.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import attachments from "@/lib/truescreen/fixtures/file-certification-attachments.json";
import fileCertification from "@/lib/truescreen/fixtures/file-certification.json";
import hashCertification from "@/lib/truescreen/fixtures/hash-certification.json";
import problems from "@/lib/truescreen/fixtures/problems.json";
import statuses from "@/lib/truescreen/fixtures/certification-status.json";
import webhooks from "@/lib/truescreen/fixtures/webhooks.json";
import { TrueScreenSandbox, type ApiKey, type TrueScreenFaults } from "./truescreen-sandbox";

let sandbox: TrueScreenSandbox;

beforeAll(async () => {
  sandbox = new TrueScreenSandbox({ port: 0, processingMs: 100, webhookRetryDelaysMs: [0] });
  await sandbox.start();
});

afterAll(async () => {
  await sandbox.stop();
});

/** A key whose webhooks are not delivered: the published requests name https://example.com, never called here. */
async function newKey(faults: TrueScreenFaults = {}): Promise<ApiKey> {
  const key = sandbox.createKey({ credits: 100 });
  await fetch(`${sandbox.baseUrl}/sandbox/keys/${key.api_key}`, {
    method: "PATCH",
    body: JSON.stringify({ faults: { webhook: { drop: true }, ...faults } }),
  });
  return key;
}

async function call(key: ApiKey, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key.api_key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: (text ? JSON.parse(text) : null) as unknown,
  };
}

/** Exactly the published keys, each with the published JSON type (recursively; lists by their first element). */
function expectSameShape(answer: unknown, published: unknown, path = "$") {
  if (published === null || typeof published !== "object") {
    expect(typeof answer, path).toBe(typeof published);
    return;
  }
  if (Array.isArray(published)) {
    expect(Array.isArray(answer), path).toBe(true);
    if (published.length && (answer as unknown[]).length)
      for (const item of answer as unknown[]) expectSameShape(item, published[0], `${path}[]`);
    return;
  }
  expect(Object.keys(answer as object).sort(), path).toEqual(Object.keys(published).sort());
  for (const [key, value] of Object.entries(published))
    expectSameShape((answer as Record<string, unknown>)[key], value, `${path}.${key}`);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("never happened");
}

describe("published requests and answers", () => {
  it("hash certification: takes the published body, answers the published 201, then the pending and completed GETs", async () => {
    const key = await newKey({ processingMs: 400 });
    const created = await call(key, "POST", "/v1/hash-certifications", hashCertification.request.body);
    expect(created.status).toBe(201);
    expectSameShape(created.body, hashCertification.response.body);
    expect(created.body).toMatchObject({ status: "pending", credits_amount: 2 });
    const reportId = (created.body as { report_id: string }).report_id;
    const pending = await call(key, "GET", `/v1/certifications/${reportId}`);
    expectSameShape(pending.body, statuses.pending.body);
    const completed = await until(
      () => call(key, "GET", `/v1/certifications/${reportId}`),
      (answer) => (answer.body as { status: string }).status === "completed",
    );
    expectSameShape(completed.body, statuses.completed.body);
    expect((completed.body as { files: Array<{ type: string }> }).files.map((f) => f.type)).toEqual([
      "data",
      "report",
      "xml",
    ]);
  });

  it("file certification: takes the published registration and creation, answering in their shapes", async () => {
    const key = await newKey();
    const registered = await call(
      key,
      "POST",
      "/v1/file-certifications-attachments",
      attachments.request.body,
    );
    expect(registered.status).toBe(201);
    expectSameShape(registered.body, attachments.response.body);
    const slots = registered.body as Array<{ upload_url: string; upload_session_token: string }>;
    for (const slot of slots)
      expect((await fetch(slot.upload_url, { method: "PUT", body: "bytes" })).status).toBe(200);
    const created = await call(key, "POST", "/v1/file-certifications", {
      ...fileCertification.request.body,
      upload_session_token: slots[0]!.upload_session_token,
    });
    expect(created.status).toBe(201);
    expectSameShape(created.body, fileCertification.response.body);
  });

  it("a failed certification: GET answers exactly the published TS-014 document", async () => {
    const key = await newKey({ forceTs014: true });
    const created = await call(key, "POST", "/v1/hash-certifications", hashCertification.request.body);
    const reportId = (created.body as { report_id: string }).report_id;
    const failed = await until(
      () => call(key, "GET", `/v1/certifications/${reportId}`),
      (answer) => answer.status === 500,
    );
    expect(failed.contentType).toBe(statuses.failed.contentType);
    expect(failed.body).toEqual(statuses.failed.body);
  });
});

describe("webhooks as the contract describes them", () => {
  it("certification.error carries exactly the problem document, no report_id; completed carries the GET answer", async () => {
    const events: unknown[] = [];
    const receiver = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        events.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      const failing = sandbox.createKey({ credits: 10 });
      await fetch(`${sandbox.baseUrl}/sandbox/keys/${failing.api_key}`, {
        method: "PATCH",
        body: JSON.stringify({ faults: { forceTs014: true } }),
      });
      await call(failing, "POST", "/v1/hash-certifications", {
        ...hashCertification.request.body,
        webhook_url: url,
      });
      const [error] = await until(
        async () => events,
        (list) => list.length === 1,
      );
      expectSameShape(error, webhooks.error);
      expect((error as { data: unknown }).data).toEqual(webhooks.error.data);
      expect((error as { data: object }).data).not.toHaveProperty("report_id");

      const working = sandbox.createKey({ credits: 10 });
      await call(working, "POST", "/v1/hash-certifications", {
        ...hashCertification.request.body,
        webhook_url: url,
      });
      const completed = (
        await until(
          async () => events,
          (list) => list.length === 2,
        )
      )[1];
      expectSameShape(completed, webhooks.completed);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe("problem documents", () => {
  it("answers each code it produces with the published status and type", async () => {
    const key = await newKey();
    const typeOf = (code: string) => problems.codes.find((c) => c.code === code)!;
    const expectCode = (
      answer: { status: number; body: unknown; contentType: string | null },
      code: string,
    ) => {
      const published = typeOf(code);
      expect(answer.contentType, code).toBe("application/problem+json");
      expect(answer.body, code).toMatchObject({
        type: `https://truescreen.redocly.app/errors/${published.type}`,
        status: published.status,
        code,
      });
      expect(answer.status, code).toBe(published.status);
      expect(Object.keys(answer.body as object).sort()).toEqual([
        "code",
        "detail",
        "status",
        "title",
        "type",
      ]);
    };
    expectCode(await call(key, "POST", "/v1/hash-certifications", "not json"), "TS-001");
    expectCode(await call(key, "POST", "/v1/hash-certifications", { files: [] }), "TS-002");
    const poor = await newKey();
    await fetch(`${sandbox.baseUrl}/sandbox/keys/${poor.api_key}`, {
      method: "PATCH",
      body: JSON.stringify({ credits: 0, faults: { webhook: { drop: true } } }),
    });
    expectCode(await call(poor, "POST", "/v1/hash-certifications", hashCertification.request.body), "TS-008");
    expectCode(await call(key, "GET", "/v1/certifications/d8c2aef3-72a7-4a5f-b0e7-4308a88c6cff"), "TS-010");
    const created = await call(key, "POST", "/v1/hash-certifications", hashCertification.request.body);
    const reportId = (created.body as { report_id: string }).report_id;
    await fetch(`${sandbox.baseUrl}/sandbox/certifications/${reportId}`, { method: "DELETE" });
    expectCode(await call(key, "GET", `/v1/certifications/${reportId}`), "TS-009");
    expectCode(
      await call(key, "POST", "/v1/file-certifications", {
        title: "t",
        upload_session_token: "sess_unknown",
      }),
      "TS-011",
    );
    const slots = (await call(key, "POST", "/v1/file-certifications-attachments", attachments.request.body))
      .body as Array<{ upload_url: string; upload_session_token: string }>;
    const token = slots[0]!.upload_session_token;
    expectCode(
      await call(key, "POST", "/v1/file-certifications", { title: "t", upload_session_token: token }),
      "TS-013",
    );
    for (const slot of slots) await fetch(slot.upload_url, { method: "PUT", body: "x" });
    expect(
      (await call(key, "POST", "/v1/file-certifications", { title: "t", upload_session_token: token }))
        .status,
    ).toBe(201);
    expectCode(
      await call(key, "POST", "/v1/file-certifications", { title: "t", upload_session_token: token }),
      "TS-012",
    );
    const broken = await newKey({ endpoints: { credits: { failNext: 1, errorBody: "problem" } } });
    expectCode(await call(broken, "GET", "/v1/credits"), "TS-000");
  });
});
