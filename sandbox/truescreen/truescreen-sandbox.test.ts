// Contract tests of the TrueScreen sandbox over real HTTP, against ../shared/docs/truescreen-certification-api.md.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DOMParser } from "@xmldom/xmldom";
import { PDFDocument } from "pdf-lib";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SignedXml } from "xml-crypto";
import { TrueScreenSandbox, type ApiKey, type TrueScreenFaults } from "./truescreen-sandbox";

let sandbox: TrueScreenSandbox;
let base: string;
let key: ApiKey;

const sha256 = (data: string | Buffer) => crypto.createHash("sha256").update(data).digest("hex");
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function call(
  path: string,
  init: {
    method?: string;
    body?: unknown;
    raw?: string;
    apiKey?: string | null;
    /** How the key is sent: the documented `Authorization: Bearer`, or a header the service does not take. */
    header?: "bearer" | "x-api-key" | "basic" | "token";
  } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const apiKey = init.apiKey === undefined ? key.api_key : init.apiKey;
  if (apiKey) {
    if (init.header === "x-api-key") headers["x-api-key"] = apiKey;
    else if (init.header === "basic")
      headers.authorization = `Basic ${Buffer.from(`API:${apiKey}`).toString("base64")}`;
    else if (init.header === "token") headers.authorization = `Token ${apiKey}`;
    else headers.authorization = `Bearer ${apiKey}`;
  }
  return fetch(`${base}/v1${path}`, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? "POST" : "GET"),
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
}

async function setKey(patch: { credits?: number; faults?: TrueScreenFaults }) {
  await fetch(`${base}/sandbox/keys/${key.api_key}`, {
    method: "PATCH",
    body: JSON.stringify(patch),
    headers: { "content-type": "application/json" },
  });
}

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toEqual({
    type: expect.stringMatching(/^https:\/\/truescreen\.redocly\.app\/errors\/[a-z-]+$/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
  });
  return body;
}

interface CertificationView {
  status: string;
  files: Array<{ type: string; url: string }>;
}

/** Polls until processing ends: the 200 body when completed, or the 500 response when it failed. */
async function waitForEnd(
  reportId: string,
): Promise<{ completed: CertificationView } | { failed: Response }> {
  for (let i = 0; i < 100; i++) {
    const response = await call(`/certifications/${reportId}`);
    if (response.status === 500) return { failed: response };
    const body = (await response.json()) as CertificationView;
    if (body.status === "completed") return { completed: body };
    await wait(50);
  }
  throw new Error(`certification ${reportId} never finished`);
}

async function waitForCompleted(reportId: string): Promise<CertificationView> {
  const end = await waitForEnd(reportId);
  if (!("completed" in end)) throw new Error("the certification failed");
  return end.completed;
}

const hashes = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ file_name: `file-${i}.pdf`, hash: sha256(`content ${i}`) }));

beforeAll(async () => {
  sandbox = new TrueScreenSandbox({ port: 0, processingMs: 150, webhookRetryDelaysMs: [0, 200, 200] });
  base = await sandbox.start();
});

afterAll(async () => {
  await sandbox.stop();
});

beforeEach(() => {
  key = sandbox.createKey({ credits: 20 });
});

describe("authentication", () => {
  it("answers 401 with a problem document without a valid key", async () => {
    await expectProblem(await call("/credits", { apiKey: null }), 401, "TS-401");
    await expectProblem(await call("/credits", { apiKey: "ts_sandbox_wrong" }), 401, "TS-401");
  });

  it("accepts only Authorization: Bearer, and reports the credit balance", async () => {
    expect(await (await call("/credits")).json()).toEqual({ credits: 20 });
    for (const header of ["x-api-key", "basic", "token"] as const)
      await expectProblem(await call("/credits", { header }), 401, "TS-401");
  });
});

describe("hash certification", () => {
  it("creates a pending certification for 1 credit per hash, then completes with verifiable artifacts", async () => {
    // Long enough that the first GET sees it pending on a loaded machine.
    await setKey({ faults: { processingMs: 1_000 } });
    const files = hashes(2);
    const response = await call("/hash-certifications", {
      body: { title: "Project Alpha", files, metadata: { case_number: "2024/001" } },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(created).sort()).toEqual([
      "created_at",
      "credits_amount",
      "report_id",
      "status",
      "title",
    ]);
    expect(created).toMatchObject({ status: "pending", credits_amount: 2, title: "Project Alpha" });
    expect(await (await call("/credits")).json()).toEqual({ credits: 18 });

    const pending = await (await call(`/certifications/${created.report_id}`)).json();
    expect(pending).toEqual({
      report_id: created.report_id,
      status: "pending",
      created_at: created.created_at,
      title: "Project Alpha",
      files: [],
    });

    const done = await waitForCompleted(String(created.report_id));
    expect(done.files.map((f) => f.type).sort()).toEqual(["data", "report", "xml"]);
    const artifact = async (type: string) => {
      const download = await fetch(done.files.find((f) => f.type === type)!.url);
      expect(download.status).toBe(200);
      return Buffer.from(await download.arrayBuffer());
    };

    const data = JSON.parse((await artifact("data")).toString()) as {
      report_id: string;
      files: Array<{ file_name: string; sha256: string }>;
      metadata: unknown;
    };
    expect(data.report_id).toBe(created.report_id);
    expect(data.files.map((f) => [f.file_name, f.sha256])).toEqual(files.map((f) => [f.file_name, f.hash]));
    expect(data.metadata).toEqual({ case_number: "2024/001" });

    const pdf = await PDFDocument.load(await artifact("report"));
    expect(pdf.getTitle()).toBe(`Certification report ${created.report_id}`);
    expect(pdf.getPageCount()).toBeGreaterThan(0);

    const xml = (await artifact("xml")).toString();
    const certificate = await (await fetch(`${base}/sandbox/signing-certificate.pem`)).text();
    const document = new DOMParser().parseFromString(xml, "application/xml");
    const signatureNode = document.getElementsByTagNameNS(
      "http://www.w3.org/2000/09/xmldsig#",
      "Signature",
    )[0]!;
    const verifier = new SignedXml({ publicCert: certificate });
    verifier.loadSignature(signatureNode as unknown as Node);
    expect(verifier.checkSignature(xml)).toBe(true);
    const signed = verifier.getSignedReferences().join("");
    expect(signed).toContain(`<ReportId>${created.report_id}</ReportId>`);
    expect(signed).toContain(`<Sha256>${files[0]!.hash}</Sha256>`);
    expect(signed).toMatch(/<Timestamp>\d{4}-\d{2}-\d{2}T/);

    // A changed byte breaks the signature.
    const tampered = xml.replace(files[0]!.hash, files[1]!.hash);
    const second = new SignedXml({ publicCert: certificate });
    second.loadSignature(
      new DOMParser()
        .parseFromString(tampered, "application/xml")
        .getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")[0] as unknown as Node,
    );
    expect(second.checkSignature(tampered)).toBe(false);
  });

  it("omits the PDF report when generate_pdf_report is false", async () => {
    const created = (await (
      await call("/hash-certifications", {
        body: { title: "No PDF", files: hashes(1), generate_pdf_report: false },
      })
    ).json()) as { report_id: string };
    const done = await waitForCompleted(created.report_id);
    expect(done.files.map((f) => f.type).sort()).toEqual(["data", "xml"]);
  });

  it("validates the payload: TS-001 malformed, TS-002 for each missing or wrong field", async () => {
    await expectProblem(await call("/hash-certifications", { raw: "{not json" }), 400, "TS-001");
    await expectProblem(await call("/hash-certifications", { raw: "[1,2]" }), 400, "TS-001");
    const invalid = [
      { files: hashes(1) },
      { title: "", files: hashes(1) },
      { title: "x" },
      { title: "x", files: [] },
      { title: "x", files: [{ file_name: "a" }] },
      { title: "x", files: [{ file_name: "a", hash: "abc" }] },
      { title: "x", files: [{ file_name: "a", hash: "g".repeat(64) }] },
      { title: "x", files: [{ hash: sha256("a") }] },
      { title: "x", files: hashes(1), webhook_url: "not a url" },
      { title: "x", files: hashes(1), metadata: ["a"] },
      { title: "x", files: hashes(1), generate_pdf_report: "yes" },
    ];
    for (const body of invalid)
      await expectProblem(await call("/hash-certifications", { body }), 400, "TS-002");
    expect(await (await call("/credits")).json()).toEqual({ credits: 20 });
  });

  it("refuses with TS-008 when credits are short, spending nothing", async () => {
    await setKey({ credits: 1 });
    await expectProblem(
      await call("/hash-certifications", { body: { title: "x", files: hashes(2) } }),
      400,
      "TS-008",
    );
    expect(await (await call("/credits")).json()).toEqual({ credits: 1 });
  });

  it("answers TS-010 for an unknown report and for another key's report", async () => {
    await expectProblem(await call(`/certifications/${crypto.randomUUID()}`), 404, "TS-010");
    const created = (await (
      await call("/hash-certifications", { body: { title: "mine", files: hashes(1) } })
    ).json()) as { report_id: string };
    const other = sandbox.createKey();
    await expectProblem(
      await call(`/certifications/${created.report_id}`, { apiKey: other.api_key }),
      404,
      "TS-010",
    );
  });

  it("answers TS-009 for a certification deleted at TrueScreen", async () => {
    const created = (await (
      await call("/hash-certifications", { body: { title: "to delete", files: hashes(1) } })
    ).json()) as { report_id: string };
    expect(
      (await fetch(`${base}/sandbox/certifications/${created.report_id}`, { method: "DELETE" })).status,
    ).toBe(204);
    const body = await expectProblem(await call(`/certifications/${created.report_id}`), 410, "TS-009");
    expect(body.type).toBe("https://truescreen.redocly.app/errors/resource-gone-error");
  });

  it("fails after creation with TS-014 from GET and a certification.error webhook", async () => {
    const receiver = await webhookReceiver();
    await setKey({ faults: { forceTs014: true } });
    const created = (await (
      await call("/hash-certifications", {
        body: { title: "doomed", files: hashes(1), webhook_url: receiver.url },
      })
    ).json()) as { report_id: string };
    const end = await waitForEnd(created.report_id);
    if (!("failed" in end)) throw new Error("expected TS-014");
    const body = await expectProblem(end.failed, 500, "TS-014");
    expect(body).toMatchObject({
      type: "https://truescreen.redocly.app/errors/server-error",
      title: "Certification processing error",
      detail: "Digital sign error.",
    });
    const event = await receiver.next();
    // data is exactly the problem document GET answered: it names no report_id.
    expect(event.body).toMatchObject({ type: "certification.error" });
    expect((event.body as { data: unknown }).data).toEqual(body);
    await receiver.close();
  });
});

describe("file certification", () => {
  async function register(names: string[], extra: Record<string, unknown> = {}) {
    const response = await call("/file-certifications-attachments", {
      body: { files: names.map((file_name) => ({ file_name, ...extra })) },
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Array<{
      file_name: string;
      upload_session_token: string;
      upload_url: string;
    }>;
  }

  it("registers files, takes their bytes at presigned URLs, and certifies them with hashes of those bytes", async () => {
    const contents = [Buffer.from("%PDF-1.4 contract"), crypto.randomBytes(300_000)];
    const slots = await register(["contract.pdf", "site photo.jpg"]);
    expect(new Set(slots.map((s) => s.upload_session_token)).size).toBe(1);
    expect(slots.map((s) => s.file_name)).toEqual(["contract.pdf", "site photo.jpg"]);
    const token = slots[0]!.upload_session_token;

    const first = await fetch(slots[0]!.upload_url, {
      method: "PUT",
      body: contents[0],
      headers: { "content-type": "application/pdf" },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBe(
      `"${crypto.createHash("md5").update(contents[0]!).digest("hex")}"`,
    );

    await expectProblem(
      await call("/file-certifications", { body: { title: "Inspection", upload_session_token: token } }),
      400,
      "TS-013",
    );
    await fetch(slots[1]!.upload_url, {
      method: "PUT",
      body: contents[1],
      headers: { "content-type": "image/jpeg" },
    });

    const response = await call("/file-certifications", {
      body: { title: "Inspection", upload_session_token: token, metadata: { site_id: "SITE-042" } },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { report_id: string; credits_amount: number };
    expect(created.credits_amount).toBe(2);
    await expectProblem(
      await call("/file-certifications", { body: { title: "Again", upload_session_token: token } }),
      400,
      "TS-012",
    );

    const done = await waitForCompleted(created.report_id);
    expect(done.files.map((f) => f.type).sort()).toEqual(["data", "media", "media", "report", "xml"]);
    const data = (await (await fetch(done.files.find((f) => f.type === "data")!.url)).json()) as {
      files: Array<{ sha256: string; size: number; content_type: string }>;
    };
    expect(data.files.map((f) => [f.sha256, f.size, f.content_type])).toEqual([
      [sha256(contents[0]!), contents[0]!.length, "application/pdf"],
      [sha256(contents[1]!), contents[1]!.length, "image/jpeg"],
    ]);
    const media = await Promise.all(
      done.files
        .filter((f) => f.type === "media")
        .map(async (f) => Buffer.from(await (await fetch(f.url)).arrayBuffer())),
    );
    expect(media.map((m) => sha256(m)).sort()).toEqual(contents.map((c) => sha256(c)).sort());
    const stored = Buffer.from(await (await fetch(`${base}/sandbox/uploads/${token}/1`)).arrayBuffer());
    expect(stored.equals(contents[1]!)).toBe(true);
  });

  it("validates registrations and creations (TS-002, TS-011)", async () => {
    for (const body of [
      {},
      { files: [] },
      { files: [{}] },
      { files: [{ file_name: "a", creation_datetime: "yesterday" }] },
      { files: [{ file_name: "a", creation_datetime: new Date(Date.now() + 86_400_000).toISOString() }] },
    ]) {
      await expectProblem(await call("/file-certifications-attachments", { body }), 400, "TS-002");
    }
    expect(
      (
        await call("/file-certifications-attachments", {
          body: { files: [{ file_name: "a", creation_datetime: "2026-04-08T14:30:00.000Z" }] },
        })
      ).status,
    ).toBe(201);
    await expectProblem(await call("/file-certifications", { body: { title: "x" } }), 400, "TS-002");
    await expectProblem(
      await call("/file-certifications", { body: { title: "x", upload_session_token: "sess_unknown" } }),
      400,
      "TS-011",
    );
  });

  it("refuses a tampered or expired upload URL like S3 (403, XML)", async () => {
    const [slot] = await register(["a.txt"]);
    const tampered = slot!.upload_url.replace(
      /X-Signature=([0-9a-f])/,
      (_, c: string) => `X-Signature=${c === "0" ? "1" : "0"}`,
    );
    const refused = await fetch(tampered, { method: "PUT", body: "x" });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toBe("application/xml");
    expect(await refused.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
    const otherPath = slot!.upload_url.replace("/0/", "/1/");
    expect((await fetch(otherPath, { method: "PUT", body: "x" })).status).toBe(403);

    await setKey({ faults: { uploadUrlSeconds: 1 } });
    const [short] = await register(["b.txt"]);
    await wait(2_100);
    const expired = await fetch(short!.upload_url, { method: "PUT", body: "x" });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("<Code>AccessDenied</Code><Message>Request has expired</Message>");
  });

  it("lets artifact URLs expire (60 s by default; shortened here)", async () => {
    await setKey({ faults: { artifactUrlSeconds: 1 } });
    const created = (await (
      await call("/hash-certifications", { body: { title: "short", files: hashes(1) } })
    ).json()) as { report_id: string };
    const done = await waitForCompleted(created.report_id);
    await wait(2_100);
    const expired = await fetch(done.files[0]!.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("Request has expired");
  });

  it("answers CORS preflight so that a browser on another origin can PUT", async () => {
    const [slot] = await register(["c.txt"]);
    const preflight = await fetch(slot!.upload_url, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "PUT",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("PUT");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("content-type");
  });
});

describe("webhooks", () => {
  it("posts certification.completed, signed per Standard Webhooks and verifiable with the library", async () => {
    const receiver = await webhookReceiver();
    const created = (await (
      await call("/hash-certifications", {
        body: { title: "hooked", files: hashes(1), webhook_url: receiver.url },
      })
    ).json()) as { report_id: string };
    const event = await receiver.next();
    const verified = new Webhook(key.webhook_secret).verify(event.raw, event.headers) as {
      type: string;
      timestamp: string;
      data: { report_id: string; status: string; files: unknown[] };
    };
    expect(verified.type).toBe("certification.completed");
    expect(verified.data).toMatchObject({ report_id: created.report_id, status: "completed" });
    expect(verified.data.files).toHaveLength(3);
    expect(() =>
      new Webhook(`whsec_${Buffer.from("another secret 123456").toString("base64")}`).verify(
        event.raw,
        event.headers,
      ),
    ).toThrow();
    await receiver.close();
  });

  it("retries a failed delivery with the same webhook-id", async () => {
    const receiver = await webhookReceiver([500, 503]);
    await call("/hash-certifications", {
      body: { title: "retried", files: hashes(1), webhook_url: receiver.url },
    });
    const attempts = [await receiver.next(), await receiver.next(), await receiver.next()];
    expect(new Set(attempts.map((a) => a.headers["webhook-id"])).size).toBe(1);
    await receiver.close();
  });

  it("drops, duplicates and delays webhooks on request", async () => {
    const receiver = await webhookReceiver();
    await setKey({ faults: { webhook: { duplicate: true } } });
    await call("/hash-certifications", {
      body: { title: "twice", files: hashes(1), webhook_url: receiver.url },
    });
    const [one, two] = [await receiver.next(), await receiver.next()];
    expect(one.headers["webhook-id"]).toBe(two.headers["webhook-id"]);

    await setKey({ faults: { webhook: { drop: true } } });
    const dropped = (await (
      await call("/hash-certifications", {
        body: { title: "lost", files: hashes(1), webhook_url: receiver.url },
      })
    ).json()) as { report_id: string };
    await waitForCompleted(dropped.report_id);
    await wait(400);
    expect(receiver.received).toHaveLength(2);

    await setKey({ faults: { webhook: { delayMs: 600 } } });
    const started = Date.now();
    await call("/hash-certifications", {
      body: { title: "late", files: hashes(1), webhook_url: receiver.url },
    });
    await receiver.next();
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    await receiver.close();
  });
});

describe("fault injection", () => {
  it("answers an unstructured 5xx before doing anything, creating nothing and spending nothing", async () => {
    await setKey({ faults: { endpoints: { "hash-certifications": { failNext: 1, errorStatus: 502 } } } });
    const before = ((await (await fetch(`${base}/sandbox/certifications`)).json()) as unknown[]).length;
    const response = await call("/hash-certifications", { body: { title: "x", files: hashes(1) } });
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).not.toContain("problem+json");
    expect(((await (await fetch(`${base}/sandbox/certifications`)).json()) as unknown[]).length).toBe(before);
    expect(await (await call("/credits")).json()).toEqual({ credits: 20 });
  });

  it("can answer the service's own TS-000 problem document", async () => {
    await setKey({ faults: { endpoints: { credits: { failNext: 1, errorBody: "problem" } } } });
    const body = await expectProblem(await call("/credits"), 500, "TS-000");
    expect(body.type).toBe("https://truescreen.redocly.app/errors/server-error");
    expect((await call("/credits")).status).toBe(200);
  });

  it("can fail after doing the work, as a gateway timeout would", async () => {
    await setKey({ faults: { endpoints: { "hash-certifications": { failNext: 1, errorWhen: "after" } } } });
    const before = ((await (await fetch(`${base}/sandbox/certifications`)).json()) as unknown[]).length;
    expect((await call("/hash-certifications", { body: { title: "x", files: hashes(1) } })).status).toBe(503);
    expect(((await (await fetch(`${base}/sandbox/certifications`)).json()) as unknown[]).length).toBe(
      before + 1,
    );
    expect(await (await call("/credits")).json()).toEqual({ credits: 19 });
  });

  it("drops connections, adds latency, and can run out of credits", async () => {
    await setKey({ faults: { endpoints: { credits: { dropNext: 1 } } } });
    await expect(call("/credits")).rejects.toThrow();
    expect((await call("/credits")).status).toBe(200);
    await setKey({ credits: 0, faults: { latencyMs: 300 } });
    const started = Date.now();
    expect(await (await call("/credits")).json()).toEqual({ credits: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});

interface ReceivedWebhook {
  raw: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** A real HTTP endpoint that answers the given statuses in order (then 204) and records what it received. */
async function webhookReceiver(statuses: number[] = []) {
  const received: ReceivedWebhook[] = [];
  const waiting: Array<(event: ReceivedWebhook) => void> = [];
  let index = 0;
  const server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    request.on("end", () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
      const event = { raw, body: JSON.parse(raw) as Record<string, unknown>, headers };
      received.push(event);
      response.writeHead(statuses[index++] ?? 204).end();
      waiting.shift()?.(event);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  let consumed = 0;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/truescreen`,
    received,
    next: () =>
      new Promise<ReceivedWebhook>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no webhook arrived")), 5_000);
        const take = (event: ReceivedWebhook) => {
          clearTimeout(timer);
          resolve(event);
        };
        if (received.length > consumed) take(received[consumed++]!);
        else
          waiting.push((event) => {
            consumed++;
            take(event);
          });
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
