// A local simulator of TrueScreen's certification API (../shared/docs/truescreen-certification-api.md and
// api-facts.md): API keys with credit balances, hash and file certifications, presigned uploads, asynchronous
// processing with signed artifacts, Standard Webhooks callbacks, and fault injection. Choices made where the
// documents are silent are listed in sandbox/README.md.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { serve, type ServerType } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { addLatency, decideFault, dropConnection, gatewayError, type CommonFaults } from "../shared/faults";
import { JsonStore } from "../shared/json-store";
import { presign, s3ErrorXml, verifyPresigned } from "../shared/signed-url";
import { jsonData, pdfReport, signedXml, type CertificationFacts, type CertifiedFile } from "./artifacts";
import { loadSigningIdentity } from "./signing-identity";
import { WebhookSender, type WebhookFaults } from "./webhook-sender";

export interface TrueScreenFaults extends CommonFaults {
  /** Every certification of this key fails after creation with TS-014. */
  forceTs014?: boolean;
  webhook?: WebhookFaults;
  /** Validity of upload URLs, in seconds (default 120). */
  uploadUrlSeconds?: number;
  /** Validity of artifact URLs, in seconds (default 60). */
  artifactUrlSeconds?: number;
  /** Time from creation to completion, in milliseconds (default: the server's processingMs). */
  processingMs?: number;
}

export interface ApiKey {
  api_key: string;
  label: string;
  credits: number;
  webhook_secret: string;
  faults: TrueScreenFaults;
}

interface Upload {
  file_name: string;
  creation_datetime: string | null;
  uploaded: { sha256: string; size: number; content_type: string; path: string } | null;
}

interface UploadSession {
  token: string;
  apiKey: string;
  uploads: Upload[];
  usedBy: string | null;
}

interface Certification {
  report_id: string;
  apiKey: string;
  title: string;
  mode: "hash" | "file";
  status: "pending" | "completed" | "error";
  created_at: string;
  completed_at: string | null;
  credits_amount: number;
  generate_pdf_report: boolean;
  webhook_url: string | null;
  metadata: Record<string, unknown>;
  files: CertifiedFile[];
  uploadToken: string | null;
  artifacts: Map<string, { body: Buffer; contentType: string; fileName: string }>;
  /** Deleted through the admin API (as from TrueScreen's portal): GET answers TS-009. */
  deleted: boolean;
}

export interface TrueScreenSandboxOptions {
  port?: number;
  host?: string;
  /** Where keys, the signing identity and uploads are kept; null keeps everything in memory and a temp folder. */
  dataDir?: string | null;
  /** Milliseconds from creation to completion (default 1500). */
  processingMs?: number;
  /** Webhook retry delays in milliseconds (default: 0, 5 s, 30 s, 2 min, 5 min, 10 min). */
  webhookRetryDelaysMs?: number[];
  log?: (line: string) => void;
}

const ERROR_TYPE = "https://truescreen.redocly.app/errors/";
const SHA256 = /^[0-9a-f]{64}$/i;

type ProblemKind =
  "validation-error" | "not-found-error" | "resource-gone-error" | "server-error" | "unauthorized-error";

function problem(c: Context, status: number, kind: ProblemKind, title: string, detail: string, code: string) {
  return c.body(
    JSON.stringify({ type: `${ERROR_TYPE}${kind}`, title, status, detail, code }),
    status as 400,
    {
      "content-type": "application/problem+json",
    },
  );
}

/** The document of a certification that failed after creation (truescreen-certification-api.md, "Polling"). */
const TS014_PROBLEM = {
  type: `${ERROR_TYPE}server-error`,
  title: "Certification processing error",
  status: 500,
  detail: "Digital sign error.",
  code: "TS-014",
};

const validation = (c: Context, detail: string) =>
  problem(c, 400, "validation-error", "Validation error", detail, "TS-002");

export class TrueScreenSandbox {
  readonly app = new Hono();
  private readonly keysStore: JsonStore<ApiKey[]>;
  private keys: ApiKey[];
  private readonly sessions = new Map<string, UploadSession>();
  private readonly certifications = new Map<string, Certification>();
  private readonly urlSecret = crypto.randomBytes(32).toString("hex");
  private readonly uploadDir: string;
  private readonly identity;
  private readonly webhooks: WebhookSender;
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: ServerType | null = null;
  baseUrl = "";

  constructor(private readonly options: TrueScreenSandboxOptions = {}) {
    const dataDir = options.dataDir ?? null;
    this.keysStore = new JsonStore<ApiKey[]>(dataDir ? path.join(dataDir, "truescreen-keys.json") : null, []);
    this.keys = this.keysStore.load();
    this.uploadDir = dataDir
      ? path.join(dataDir, "truescreen-uploads")
      : fs.mkdtempSync(path.join(os.tmpdir(), "truescreen-sandbox-"));
    fs.mkdirSync(this.uploadDir, { recursive: true });
    this.identity = loadSigningIdentity(dataDir);
    this.webhooks = new WebhookSender(
      options.webhookRetryDelaysMs ?? [0, 5_000, 30_000, 120_000, 300_000, 600_000],
      options.log,
    );
    this.routes();
  }

  async start(): Promise<string> {
    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((resolve) => {
      this.server = serve(
        { fetch: this.app.fetch, port: this.options.port ?? 4010, hostname: host },
        (info) => {
          this.baseUrl = `http://${host}:${info.port}`;
          resolve();
        },
      );
    });
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.webhooks.stop();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Creates an API key with its webhook signing secret (admin API and `npm run sandbox`). */
  createKey(
    input: { label?: string; credits?: number; api_key?: string; webhook_secret?: string } = {},
  ): ApiKey {
    const key: ApiKey = {
      api_key: input.api_key ?? `ts_sandbox_${crypto.randomBytes(18).toString("base64url")}`,
      label: input.label ?? "sandbox key",
      credits: input.credits ?? 100,
      webhook_secret: input.webhook_secret ?? `whsec_${crypto.randomBytes(24).toString("base64")}`,
      faults: {},
    };
    this.keys.push(key);
    this.keysStore.save(this.keys);
    return key;
  }

  listKeys(): ApiKey[] {
    return this.keys;
  }

  private schedule(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  /** Only `Authorization: Bearer <api_key>` authenticates (api-facts.md); any other header is no key at all. */
  private keyOf(c: Context): ApiKey | null {
    const authorization = c.req.header("authorization") ?? "";
    const token = /^Bearer +(\S+)$/i.exec(authorization)?.[1] ?? "";
    if (!token) return null;
    return (
      this.keys.find(
        (key) =>
          key.api_key.length === token.length &&
          crypto.timingSafeEqual(Buffer.from(key.api_key), Buffer.from(token)),
      ) ?? null
    );
  }

  private async readJson(
    c: Context,
  ): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; response: Response }> {
    const text = await c.req.text();
    try {
      const body = JSON.parse(text) as unknown;
      if (body && typeof body === "object" && !Array.isArray(body))
        return { ok: true, body: body as Record<string, unknown> };
    } catch {
      // fall through
    }
    return {
      ok: false,
      response: problem(
        c,
        400,
        "validation-error",
        "Malformed payload",
        "The request body is not a JSON object.",
        "TS-001",
      ),
    };
  }

  private routes() {
    const app = this.app;

    // --- the API (/v1), with API-key authentication and fault injection --------------------------------------
    const api = new Hono<{ Variables: { key: ApiKey } }>();
    api.use("*", async (c, next) => {
      const key = this.keyOf(c);
      if (!key)
        return problem(
          c,
          401,
          "unauthorized-error",
          "Unauthorized",
          "A valid API key is required: Authorization: Bearer <api_key>.",
          "TS-401",
        );
      c.set("key", key);
      await addLatency(key.faults);
      await next();
    });

    /** Runs a handler under the key's faults for that endpoint. */
    const faulty = (
      endpoint: string,
      handler: (c: Context<{ Variables: { key: ApiKey } }>) => Promise<Response> | Response,
    ) => {
      return async (c: Context<{ Variables: { key: ApiKey } }>) => {
        const decision = decideFault(c.get("key").faults, endpoint);
        if (decision.kind === "drop") return dropConnection(c);
        const fail = () =>
          decision.kind === "error" && decision.body === "problem"
            ? problem(
                c,
                decision.status,
                "server-error",
                "Internal server error",
                "An unexpected error occurred.",
                "TS-000",
              )
            : gatewayError(decision.kind === "error" ? decision.status : 503);
        if (decision.kind === "error" && decision.when === "before") return fail();
        const response = await handler(c);
        if (decision.kind === "error") return fail();
        const answerBody = c.get("key").faults.endpoints?.[endpoint]?.answerBody;
        if (answerBody !== undefined && response.status >= 200 && response.status < 300)
          return c.body(answerBody, response.status as 201, { "content-type": "application/json" });
        return response;
      };
    };

    api.get(
      "/credits",
      faulty("credits", (c) => c.json({ credits: c.get("key").credits })),
    );

    api.post(
      "/hash-certifications",
      faulty("hash-certifications", async (c) => {
        const parsed = await this.readJson(c);
        if (!parsed.ok) return parsed.response;
        const body = parsed.body;
        const common = this.validateCommon(c, body);
        if (common instanceof Response) return common;
        if (!Array.isArray(body.files) || body.files.length === 0)
          return validation(c, "files is required: a non-empty array of { file_name, hash }.");
        const files: CertifiedFile[] = [];
        for (const [index, file] of (body.files as unknown[]).entries()) {
          const item = file as { file_name?: unknown; hash?: unknown } | null;
          if (!item || typeof item.file_name !== "string" || item.file_name.trim() === "")
            return validation(c, `files[${index}].file_name is required.`);
          if (typeof item.hash !== "string" || !SHA256.test(item.hash))
            return validation(c, `files[${index}].hash must be a SHA-256 digest: 64 hexadecimal characters.`);
          files.push({
            file_name: item.file_name,
            sha256: item.hash.toLowerCase(),
            size: null,
            content_type: null,
            creation_date: null,
          });
        }
        return this.createCertification(c, { ...common, mode: "hash", files, uploadToken: null });
      }),
    );

    api.post(
      "/file-certifications-attachments",
      faulty("file-certifications-attachments", async (c) => {
        const parsed = await this.readJson(c);
        if (!parsed.ok) return parsed.response;
        const files = parsed.body.files;
        if (!Array.isArray(files) || files.length === 0)
          return validation(c, "files is required: a non-empty array of { file_name }.");
        const uploads: Upload[] = [];
        for (const [index, file] of (files as unknown[]).entries()) {
          const item = file as { file_name?: unknown; creation_datetime?: unknown } | null;
          if (!item || typeof item.file_name !== "string" || item.file_name.trim() === "")
            return validation(c, `files[${index}].file_name is required.`);
          let creation: string | null = null;
          if (item.creation_datetime !== undefined && item.creation_datetime !== null) {
            const value = item.creation_datetime;
            const time =
              typeof value === "string" &&
              /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
                ? Date.parse(value)
                : NaN;
            if (Number.isNaN(time))
              return validation(c, `files[${index}].creation_datetime must be an ISO 8601 date-time.`);
            if (time > Date.now() + 1_000)
              return validation(c, `files[${index}].creation_datetime must not be in the future.`);
            creation = new Date(time).toISOString();
          }
          uploads.push({ file_name: item.file_name, creation_datetime: creation, uploaded: null });
        }
        const key = c.get("key");
        const token = `sess_${crypto.randomBytes(12).toString("hex")}`;
        this.sessions.set(token, { token, apiKey: key.api_key, uploads, usedBy: null });
        const seconds = key.faults.uploadUrlSeconds ?? 120;
        return c.json(
          uploads.map((upload, index) => ({
            file_name: upload.file_name,
            upload_session_token: token,
            upload_url: presign(
              this.baseUrl,
              this.urlSecret,
              `/uploads/${token}/${index}/${encodeURIComponent(upload.file_name)}`,
              seconds,
            ),
          })),
          201,
        );
      }),
    );

    api.post(
      "/file-certifications",
      faulty("file-certifications", async (c) => {
        const parsed = await this.readJson(c);
        if (!parsed.ok) return parsed.response;
        const body = parsed.body;
        const common = this.validateCommon(c, body);
        if (common instanceof Response) return common;
        if (typeof body.upload_session_token !== "string" || body.upload_session_token === "")
          return validation(c, "upload_session_token is required.");
        const session = this.sessions.get(body.upload_session_token);
        if (!session || session.apiKey !== c.get("key").api_key) {
          return problem(
            c,
            400,
            "validation-error",
            "No attachments found",
            "No attachments were found for this upload_session_token.",
            "TS-011",
          );
        }
        if (session.usedBy) {
          return problem(
            c,
            400,
            "validation-error",
            "Upload session already used",
            "A certification was already created for this upload_session_token.",
            "TS-012",
          );
        }
        const missing = session.uploads
          .filter((upload) => !upload.uploaded)
          .map((upload) => upload.file_name);
        if (missing.length > 0) {
          return problem(
            c,
            400,
            "validation-error",
            "Not all files uploaded",
            `Not all files have been uploaded: ${missing.join(", ")}.`,
            "TS-013",
          );
        }
        const files = session.uploads.map((upload) => ({
          file_name: upload.file_name,
          sha256: upload.uploaded!.sha256,
          size: upload.uploaded!.size,
          content_type: upload.uploaded!.content_type,
          creation_date: upload.creation_datetime,
        }));
        return this.createCertification(c, { ...common, mode: "file", files, uploadToken: session.token });
      }),
    );

    api.get(
      "/certifications/:reportId",
      faulty("certifications", (c) => {
        const certification = this.certifications.get(c.req.param("reportId") ?? "");
        if (!certification || certification.apiKey !== c.get("key").api_key) {
          return problem(
            c,
            404,
            "not-found-error",
            "Certification not found",
            "No certification exists with this reportId.",
            "TS-010",
          );
        }
        if (certification.deleted) {
          return problem(
            c,
            410,
            "resource-gone-error",
            "Certification deleted",
            "This certification was deleted.",
            "TS-009",
          );
        }
        if (certification.status === "error") return this.ts014(c);
        return c.json(this.publicView(certification, c.get("key")));
      }),
    );

    app.route("/v1", api);

    // --- presigned uploads (S3-like: no API key, CORS for browsers on other origins) -------------------------
    const cors = (c: Context) => {
      c.header("Access-Control-Allow-Origin", c.req.header("origin") ?? "*");
      c.header("Vary", "Origin");
      c.header("Access-Control-Expose-Headers", "ETag");
    };
    app.options("/uploads/*", (c) => {
      cors(c);
      c.header("Access-Control-Allow-Methods", "PUT");
      c.header(
        "Access-Control-Allow-Headers",
        c.req.header("access-control-request-headers") ?? "content-type",
      );
      c.header("Access-Control-Max-Age", "3000");
      return c.body(null, 200);
    });
    app.put("/uploads/:token/:index/:name", async (c) => {
      cors(c);
      const verdict = verifyPresigned(this.urlSecret, new URL(c.req.url));
      if (verdict !== "ok") return this.s3Refusal(c, verdict);
      const session = this.sessions.get(c.req.param("token"));
      const upload = session?.uploads[Number(c.req.param("index"))];
      if (!session || !upload || session.usedBy) return this.s3Refusal(c, "expired");
      const key = this.keys.find((k) => k.api_key === session.apiKey);
      const decision = decideFault(key?.faults, "upload");
      if (decision.kind === "drop") return dropConnection(c);
      if (decision.kind === "error") return gatewayError(decision.status);
      const target = path.join(this.uploadDir, `${session.token}-${c.req.param("index")}`);
      const sha256 = crypto.createHash("sha256");
      const md5 = crypto.createHash("md5");
      let size = 0;
      const body = c.req.raw.body ? Readable.fromWeb(c.req.raw.body as never) : Readable.from([]);
      body.on("data", (chunk: Buffer) => {
        sha256.update(chunk);
        md5.update(chunk);
        size += chunk.length;
      });
      await pipeline(body, fs.createWriteStream(target));
      upload.uploaded = {
        sha256: sha256.digest("hex"),
        size,
        content_type: c.req.header("content-type") ?? "application/octet-stream",
        path: target,
      };
      c.header("ETag", `"${md5.digest("hex")}"`);
      return c.body(null, 200);
    });

    // --- artifacts at presigned URLs (60 s) ------------------------------------------------------------------
    app.get("/artifacts/:reportId/:artifact", (c) => {
      c.header("Access-Control-Allow-Origin", "*");
      const verdict = verifyPresigned(this.urlSecret, new URL(c.req.url));
      if (verdict !== "ok") return this.s3Refusal(c, verdict);
      const artifact = this.certifications
        .get(c.req.param("reportId"))
        ?.artifacts.get(c.req.param("artifact"));
      if (!artifact) return this.s3Refusal(c, "expired");
      return c.body(new Uint8Array(artifact.body), 200, {
        "content-type": artifact.contentType,
        "content-length": String(artifact.body.length),
        "content-disposition": `attachment; filename="${artifact.fileName.replace(/["\\\r\n]/g, "_")}"`,
      });
    });

    // --- the sandbox's own admin API (loopback only; not part of TrueScreen) --------------------------------
    app.get("/sandbox/keys", (c) => c.json(this.keys));
    app.post("/sandbox/keys", async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { label?: string; credits?: number };
      return c.json(this.createKey({ label: body.label, credits: body.credits }), 201);
    });
    app.patch("/sandbox/keys/:apiKey", async (c) => {
      const key = this.keys.find((k) => k.api_key === c.req.param("apiKey"));
      if (!key) return c.json({ error: "unknown key" }, 404);
      const body = (await c.req.json().catch(() => ({}))) as {
        credits?: number;
        faults?: TrueScreenFaults;
        label?: string;
      };
      if (typeof body.credits === "number") key.credits = body.credits;
      if (typeof body.label === "string") key.label = body.label;
      if (body.faults) key.faults = body.faults;
      this.keysStore.save(this.keys);
      return c.json(key);
    });
    app.get("/sandbox/certifications/:reportId", (c) => {
      const certification = this.certifications.get(c.req.param("reportId"));
      if (!certification) return c.json({ error: "unknown certification" }, 404);
      const { artifacts, ...rest } = certification;
      return c.json({ ...rest, artifacts: [...artifacts.keys()] });
    });
    app.get("/sandbox/certifications", (c) =>
      c.json(
        [...this.certifications.values()].map((certification) => ({
          ...certification,
          artifacts: [...certification.artifacts.keys()],
        })),
      ),
    );
    app.delete("/sandbox/certifications/:reportId", (c) => {
      const certification = this.certifications.get(c.req.param("reportId"));
      if (!certification) return c.json({ error: "unknown certification" }, 404);
      certification.deleted = true;
      certification.artifacts.clear();
      return c.body(null, 204);
    });
    app.get("/sandbox/uploads/:token/:index", (c) => {
      const upload = this.sessions.get(c.req.param("token"))?.uploads[Number(c.req.param("index"))];
      if (!upload?.uploaded) return c.json({ error: "not uploaded" }, 404);
      return c.body(new Uint8Array(fs.readFileSync(upload.uploaded.path)), 200, {
        "content-type": upload.uploaded.content_type,
      });
    });
    app.get("/sandbox/webhook-deliveries", (c) => c.json(this.webhooks.deliveries));
    app.get("/sandbox/signing-certificate.pem", (c) =>
      c.body(this.identity.certificatePem, 200, { "content-type": "application/x-pem-file" }),
    );
  }

  private s3Refusal(c: Context, verdict: "expired" | "bad-signature") {
    const xml =
      verdict === "expired"
        ? s3ErrorXml("AccessDenied", "Request has expired")
        : s3ErrorXml(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.",
          );
    return c.body(xml, 403, { "content-type": "application/xml" });
  }

  private ts014(c: Context) {
    return c.body(JSON.stringify(TS014_PROBLEM), 500, { "content-type": "application/problem+json" });
  }

  private validateCommon(c: Context, body: Record<string, unknown>) {
    if (typeof body.title !== "string" || body.title.trim() === "")
      return validation(c, "title is required.");
    if (body.generate_pdf_report !== undefined && typeof body.generate_pdf_report !== "boolean")
      return validation(c, "generate_pdf_report must be true or false.");
    if (
      body.metadata !== undefined &&
      (body.metadata === null || typeof body.metadata !== "object" || Array.isArray(body.metadata))
    ) {
      return validation(c, "metadata must be an object of key-value pairs.");
    }
    let webhook: string | null = null;
    if (body.webhook_url !== undefined && body.webhook_url !== null) {
      try {
        const url = new URL(String(body.webhook_url));
        if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("scheme");
        webhook = url.toString();
      } catch {
        return validation(c, "webhook_url must be an absolute http(s) URL.");
      }
    }
    return {
      title: body.title,
      generate_pdf_report: body.generate_pdf_report !== false,
      metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
      webhook_url: webhook,
    };
  }

  private createCertification(
    c: Context<{ Variables: { key: ApiKey } }>,
    input: {
      title: string;
      generate_pdf_report: boolean;
      metadata: Record<string, unknown>;
      webhook_url: string | null;
      mode: "hash" | "file";
      files: CertifiedFile[];
      uploadToken: string | null;
    },
  ) {
    const key = c.get("key");
    const cost = input.files.length;
    if (key.credits < cost) {
      return problem(
        c,
        400,
        "validation-error",
        "Insufficient credits",
        `This certification needs ${cost} credits; the balance is ${key.credits}.`,
        "TS-008",
      );
    }
    key.credits -= cost;
    this.keysStore.save(this.keys);
    const certification: Certification = {
      report_id: crypto.randomUUID(),
      apiKey: key.api_key,
      title: input.title,
      mode: input.mode,
      status: "pending",
      created_at: new Date().toISOString(),
      completed_at: null,
      credits_amount: cost,
      generate_pdf_report: input.generate_pdf_report,
      webhook_url: input.webhook_url,
      metadata: input.metadata,
      files: input.files,
      uploadToken: input.uploadToken,
      artifacts: new Map(),
      deleted: false,
    };
    if (input.uploadToken) this.sessions.get(input.uploadToken)!.usedBy = certification.report_id;
    this.certifications.set(certification.report_id, certification);
    this.schedule(
      key.faults.processingMs ?? this.options.processingMs ?? 1500,
      () => void this.process(certification),
    );
    return c.json(
      {
        report_id: certification.report_id,
        status: "pending",
        credits_amount: cost,
        title: certification.title,
        created_at: certification.created_at,
      },
      201,
    );
  }

  private async process(certification: Certification) {
    const key = this.keys.find((k) => k.api_key === certification.apiKey);
    if (key?.faults.forceTs014) {
      certification.status = "error";
      certification.completed_at = new Date().toISOString();
    } else {
      certification.completed_at = new Date().toISOString();
      const facts: CertificationFacts = {
        report_id: certification.report_id,
        title: certification.title,
        mode: certification.mode,
        created_at: certification.created_at,
        completed_at: certification.completed_at,
        files: certification.files,
        metadata: certification.metadata,
      };
      const id = certification.report_id;
      certification.artifacts.set("data", {
        body: jsonData(facts),
        contentType: "application/json",
        fileName: `${id}.json`,
      });
      if (certification.generate_pdf_report) {
        certification.artifacts.set("report", {
          body: await pdfReport(facts),
          contentType: "application/pdf",
          fileName: `${id}.pdf`,
        });
      }
      certification.artifacts.set("xml", {
        body: signedXml(facts, this.identity),
        contentType: "application/xml",
        fileName: `${id}.xml`,
      });
      if (certification.mode === "file" && certification.uploadToken) {
        const session = this.sessions.get(certification.uploadToken)!;
        session.uploads.forEach((upload, index) => {
          certification.artifacts.set(`media-${index}`, {
            body: fs.readFileSync(upload.uploaded!.path),
            contentType: upload.uploaded!.content_type,
            fileName: upload.file_name,
          });
        });
      }
      certification.status = "completed";
    }
    if (certification.webhook_url && key) {
      const event =
        certification.status === "completed"
          ? {
              type: "certification.completed",
              timestamp: new Date().toISOString(),
              data: this.publicView(certification, key),
            }
          : {
              // data is exactly the problem document GET would answer: no report_id (the contract's "Webhook").
              type: "certification.error",
              timestamp: new Date().toISOString(),
              data: TS014_PROBLEM,
            };
      this.webhooks.send(certification.webhook_url, key.webhook_secret, event, key.faults.webhook ?? {});
    }
  }

  private publicView(certification: Certification, key: ApiKey) {
    const seconds = key.faults.artifactUrlSeconds ?? 60;
    const files =
      certification.status === "completed"
        ? [...certification.artifacts.keys()].map((name) => ({
            type: name.startsWith("media") ? "media" : name,
            url: presign(
              this.baseUrl,
              this.urlSecret,
              `/artifacts/${certification.report_id}/${name}`,
              seconds,
            ),
          }))
        : [];
    return {
      report_id: certification.report_id,
      status: certification.status,
      created_at: certification.created_at,
      title: certification.title,
      files,
    };
  }
}
