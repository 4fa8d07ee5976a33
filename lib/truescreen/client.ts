// The TrueScreen certification API (truescreen-certification-api.md, api-facts.md): every endpoint typed, every
// answer validated with zod, every problem document turned into a TrueScreenProblem that keeps code, status and
// detail. Credits are money: a create call is repeated only when it provably never reached the service (connection
// refused, unknown host) or TrueScreen itself answered 429/503 with a problem document (nothing was created).
// Anything else without a clear answer is a CreateOutcomeUnknownError: the caller marks the certification
// `unknown` and tells the user to check before trying again. A 2xx to a create is the certification made and paid
// for, whatever its body holds: it is read leniently (read-created-certification.ts), never turned into an error.
import { componentLogger } from "@/lib/log/logger";
import { z } from "zod";
import { OutboundRefusedError } from "@/lib/outbound/outbound-errors";
import { outboundFetch } from "@/lib/outbound/outbound-fetch";
import { readCreatedCertification, type CreatedCertification } from "./read-created-certification";
import { problemFromResponse, TrueScreenProblem } from "./truescreen-problem";

export interface TrueScreenAccount {
  baseUrl: string;
  apiKey: string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const sha256Hex = /^[0-9a-f]{64}$/;

/** The request never reached TrueScreen: nothing can have been created or spent. */
export class NotSentError extends Error {
  constructor(cause: unknown) {
    super("TrueScreen could not be reached: nothing was sent.", { cause });
    this.name = "NotSentError";
  }
}

/** The request may have reached TrueScreen but no usable answer came back. */
export class CreateOutcomeUnknownError extends Error {
  constructor(
    readonly reason: string,
    cause?: unknown,
  ) {
    super(
      `TrueScreen may or may not have created this certification (${reason}). Check the TrueScreen portal before certifying again: each certification spends credits.`,
      { cause },
    );
    this.name = "CreateOutcomeUnknownError";
  }
}

export type { CreatedCertification };

export const uploadSlot = z.object({
  file_name: z.string(),
  upload_session_token: z.string().min(1),
  upload_url: z.url(),
});
export type UploadSlot = z.infer<typeof uploadSlot>;

export const artifactType = z.enum(["data", "report", "xml", "media"]);
const artifact = z.object({ type: artifactType, url: z.url() });
/**
 * GET /v1/certifications/{id} and the completion webhook's data. Only "completed" ends the wait; any other status
 * (the documented "pending", or one TrueScreen adds) means "not yet". Artifacts of a type Certdesk does not know
 * are left out rather than failing the whole answer.
 */
export const certificationState = z.object({
  report_id: z.string(),
  status: z.string(),
  created_at: z.string().optional(),
  title: z.string().optional(),
  files: z
    .array(z.unknown())
    .default([])
    .transform((files) =>
      files.flatMap((file) => {
        const known = artifact.safeParse(file);
        return known.success ? [known.data] : [];
      }),
    ),
});
export type CertificationState = z.infer<typeof certificationState>;

/** The answer of GET /v1/certifications/{id}: its state, or the problem that ended it (TS-014, TS-009, TS-010). */
export type CertificationLookup =
  { kind: "state"; state: CertificationState } | { kind: "problem"; problem: TrueScreenProblem };

export interface HashCertificationInput {
  title: string;
  files: Array<{ file_name: string; hash: string }>;
  webhook_url?: string;
  generate_pdf_report: boolean;
  metadata?: Record<string, string>;
}

export interface FileCertificationInput {
  title: string;
  upload_session_token: string;
  webhook_url?: string;
  generate_pdf_report: boolean;
  metadata?: Record<string, string>;
}

function networkCode(error: unknown): string | undefined {
  return (
    (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string } | undefined)?.code
  );
}

async function request(
  account: TrueScreenAccount,
  method: "GET" | "POST",
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<Response> {
  try {
    return await outboundFetch(`${account.baseUrl.replace(/\/+$/, "")}${path}`, {
      method,
      service: "truescreen",
      headers: {
        authorization: `Bearer ${account.apiKey}`,
        accept: "application/json, application/problem+json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // The outbound guard refused the target before connecting: provably nothing was sent.
    if (error instanceof OutboundRefusedError) throw new NotSentError(error);
    const code = networkCode(error);
    if (code && NEVER_SENT.has(code)) throw new NotSentError(error);
    throw error;
  }
}

async function json<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`TrueScreen answered ${what} in an unexpected shape.`);
  return parsed.data;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterMs(response: Response | null, attempt: number): number {
  const header = Number(response?.headers.get("retry-after"));
  const fallback = 500 * 2 ** attempt;
  return Math.min(Number.isFinite(header) && header > 0 ? header * 1000 : fallback, 10_000);
}

/**
 * Sends a create call with the money rule: repeats only when the request never left (NotSentError) or TrueScreen
 * answered 429/503 with a problem document (the service itself refused before doing anything). A bare gateway 5xx,
 * a 500, a timeout or a dropped connection: CreateOutcomeUnknownError.
 */
async function createCall(
  account: TrueScreenAccount,
  path: string,
  body: unknown,
  options: { timeoutMs?: number; attempts?: number } = {},
): Promise<CreatedCertification> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await request(account, "POST", path, body, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    } catch (error) {
      if (error instanceof NotSentError) {
        if (attempt + 1 >= attempts || error.cause instanceof OutboundRefusedError) throw error;
        await sleep(retryAfterMs(null, attempt));
        continue;
      }
      const name = (error as { name?: string }).name;
      throw new CreateOutcomeUnknownError(
        name === "TimeoutError" ? "no answer in time" : "the connection dropped",
        error,
      );
    }
    if (response.status >= 200 && response.status < 300) {
      const text = await response.text().catch(() => "");
      let raw: unknown = text;
      try {
        raw = JSON.parse(text) as unknown;
      } catch {
        // kept as text
      }
      const created = readCreatedCertification(raw);
      if (created.unreadable.length)
        componentLogger("truescreen").warn(
          { status: response.status, fields: created.unreadable.map((line) => line.split(":")[0]) },
          "TrueScreen answered a create with fields Certdesk could not read",
        );
      return created;
    }
    const isProblem = (response.headers.get("content-type") ?? "").includes("application/problem+json");
    if ((response.status === 429 || response.status === 503) && isProblem && attempt + 1 < attempts) {
      await response.body?.cancel();
      await sleep(retryAfterMs(response, attempt));
      continue;
    }
    if (response.status >= 500 || (response.status === 429 && !isProblem)) {
      const problem = await problemFromResponse(response);
      if (problem.code && response.status === 503) throw problem; // TrueScreen said it did nothing
      throw new CreateOutcomeUnknownError(`HTTP ${response.status}`, problem);
    }
    throw await problemFromResponse(response);
  }
}

export function createHashCertification(
  account: TrueScreenAccount,
  input: HashCertificationInput,
  options?: { timeoutMs?: number; attempts?: number },
): Promise<CreatedCertification> {
  for (const file of input.files)
    if (!sha256Hex.test(file.hash)) throw new Error(`Not a SHA-256 hex digest: ${file.file_name}`);
  return createCall(account, "/v1/hash-certifications", input, options);
}

export function createFileCertification(
  account: TrueScreenAccount,
  input: FileCertificationInput,
  options?: { timeoutMs?: number; attempts?: number },
): Promise<CreatedCertification> {
  return createCall(account, "/v1/file-certifications", input, options);
}

/** Registers files for upload. Spends nothing, so any failure may simply be repeated. */
export async function registerUploads(
  account: TrueScreenAccount,
  files: Array<{ file_name: string; creation_datetime?: string }>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<UploadSlot[]> {
  const response = await request(
    account,
    "POST",
    "/v1/file-certifications-attachments",
    { files },
    timeoutMs,
  );
  if (response.status !== 201 && response.status !== 200) throw await problemFromResponse(response);
  const slots = await json(response, z.array(uploadSlot), "the upload registration");
  if (slots.length !== files.length)
    throw new Error(`TrueScreen returned ${slots.length} upload URLs for ${files.length} files.`);
  return slots;
}

export async function getCertification(
  account: TrueScreenAccount,
  reportId: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<CertificationLookup> {
  const response = await request(
    account,
    "GET",
    `/v1/certifications/${encodeURIComponent(reportId)}`,
    undefined,
    timeoutMs,
  );
  if (response.ok) return { kind: "state", state: await json(response, certificationState, "the status") };
  const problem = await problemFromResponse(response);
  // A problem with a code is TrueScreen's verdict on this certification (TS-014 failed, TS-009 deleted,
  // TS-010 unknown). Without a code it is a gateway or auth failure: not a verdict, so the caller retries later.
  if (problem.code && ["TS-014", "TS-009", "TS-010"].includes(problem.code))
    return { kind: "problem", problem };
  throw problem;
}

export { TrueScreenProblem };
