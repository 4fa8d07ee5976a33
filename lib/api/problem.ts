// RFC 9457 problem documents (application/problem+json) for the public API and MCP: one stable `type` URI per kind
// of problem, so clients branch on `type`, never on words. This module is the one place that maps Certdesk's errors
// (UserFacingError kinds, zod issues) to problems.
import { z } from "zod";
import { UserFacingError } from "@/lib/core/user-facing-error";

const BASE = "https://certdesk.dev/problems/";

export const PROBLEM_TYPES = {
  unauthorized: { status: 401, title: "Unauthorized" },
  "insufficient-scope": { status: 403, title: "The token lacks the scope this needs" },
  forbidden: { status: 403, title: "Forbidden" },
  "not-found": { status: 404, title: "Not found" },
  "invalid-request": { status: 400, title: "The request is not valid" },
  conflict: { status: 409, title: "Conflict" },
  "idempotency-key-required": { status: 400, title: "An Idempotency-Key header is required" },
  "idempotency-key-reused": { status: 422, title: "The Idempotency-Key was used with another request" },
  "idempotency-key-in-flight": {
    status: 409,
    title: "The first request with this Idempotency-Key is in flight",
  },
  "rate-limited": { status: 429, title: "Too many requests" },
  "unsupported-media-type": { status: 415, title: "Send JSON" },
  "payload-too-large": { status: 413, title: "The request body is too large" },
  "not-ready": { status: 409, title: "Not ready yet" },
  gone: { status: 410, title: "Gone" },
  "range-not-satisfiable": { status: 416, title: "No byte of the requested range exists" },
  "upstream-unavailable": { status: 502, title: "The service did not answer usably" },
  internal: { status: 500, title: "Something went wrong" },
} as const;
export type ProblemKind = keyof typeof PROBLEM_TYPES;

export const problemSchema = z
  .object({
    type: z.string().describe("A stable URI naming the kind of problem: branch on it."),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional().describe("What happened, in words a person can act on."),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("invalid-request: each refused field."),
    retryAfter: z.number().int().optional().describe("rate-limited: seconds to wait (also in Retry-After)."),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof problemSchema>;

export function problemType(kind: ProblemKind): string {
  return `${BASE}${kind}`;
}

export function problem(kind: ProblemKind, detail?: string, extra: Partial<Problem> = {}): Problem {
  const { status, title } = PROBLEM_TYPES[kind];
  return { type: problemType(kind), title, status, ...(detail ? { detail } : {}), ...extra };
}

export function problemResponse(body: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}

const KIND_OF: Record<UserFacingError["kind"], ProblemKind> = {
  invalid: "invalid-request",
  forbidden: "forbidden",
  not_found: "not-found",
  conflict: "conflict",
};

/** A zod error as an invalid-request problem, naming each refused field. */
export function problemFromZod(error: z.ZodError): Problem {
  const errors = error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
  return problem("invalid-request", errors[0] ? `${errors[0].path}: ${errors[0].message}` : undefined, {
    errors,
  });
}

/** A known error as its problem; null for anything else (the caller logs it and answers `internal`). */
export function problemFromError(error: unknown): Problem | null {
  if (error instanceof UserFacingError) return problem(KIND_OF[error.kind], error.message);
  if (error instanceof z.ZodError) return problemFromZod(error);
  return null;
}
