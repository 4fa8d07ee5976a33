// Reading a public API request (a JSON body within a size limit, a query string) against its zod schema, and writing
// the answer: JSON, a problem, or a money-spending request's idempotent answer. Used by every app/api/v1 handler.
import type { z } from "zod";
import type { TenantContext } from "@/lib/core/tenant-context";
import { runIdempotent, type ApiAnswer } from "./idempotency";
import { problem, problemFromError, problemFromZod, problemResponse, type Problem } from "./problem";

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

type Read<T> = { ok: true; data: T } | { ok: false; problem: Problem };

export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  limitBytes = DEFAULT_BODY_LIMIT,
): Promise<Read<z.output<S>>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type))
    return { ok: false, problem: problem("unsupported-media-type", "Send the body as application/json.") };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limitBytes) return { ok: false, problem: tooLarge(limitBytes) };
  const text = await readTextWithin(request, limitBytes);
  if (text === null) return { ok: false, problem: tooLarge(limitBytes) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: problem("invalid-request", "The body is not valid JSON.") };
  }
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, problem: problemFromZod(parsed.error) };
}

export function readQuery<S extends z.ZodType>(request: Request, schema: S): Read<z.output<S>> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, problem: problemFromZod(parsed.error) };
}

const tooLarge = (limit: number) =>
  problem(
    "payload-too-large",
    `The body is larger than ${Math.round(limit / 1024).toLocaleString("en")} KiB.`,
  );

/** The body as text, or null once it passes the limit (a body without a Content-Length is counted as it comes). */
export async function readTextWithin(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

/** An answer (fresh or replayed) as a Response: problems keep their media type. */
export function answerResponse(answer: ApiAnswer, replayed = false): Response {
  const body = answer.body as { type?: unknown } | null;
  const isProblem = answer.status >= 400 && typeof body?.type === "string";
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: {
      "content-type": isProblem ? "application/problem+json" : "application/json",
      "cache-control": "no-store",
      ...(replayed ? { "idempotent-replayed": "true" } : {}),
    },
  });
}

/**
 * A money-spending request: runs `work` once per Idempotency-Key (lib/api/idempotency.ts). Errors the verb throws
 * become the kept answer too; unknown ones are logged by `onUnknown` and kept as an internal problem, since the money
 * may have been spent: a retry under the same key must not spend it again.
 */
export async function idempotentResponse(
  context: TenantContext,
  request: Request,
  operation: string,
  body: unknown,
  work: () => Promise<ApiAnswer>,
  onUnknown: (error: unknown) => void,
): Promise<Response> {
  const outcome = await runIdempotent(
    context,
    request.headers.get("idempotency-key"),
    operation,
    body,
    work,
    (error) => {
      const known = problemFromError(error);
      if (known) return { status: known.status, body: known };
      onUnknown(error);
      const internal = problem(
        "internal",
        "Certdesk could not finish this request, and cannot tell whether it was sent on. Look it up (GET) before trying again under a new key.",
      );
      return { status: internal.status, body: internal };
    },
  );
  if (outcome.kind === "refused") return problemResponse(outcome.problem);
  return answerResponse(outcome.answer, outcome.kind === "replayed");
}
