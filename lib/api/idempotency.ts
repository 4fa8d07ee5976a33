// Idempotency for every API request and MCP tool that spends money (claims, certifications, batches). The key's row
// is inserted first, in its own statement, so of two concurrent requests with one key only one inserts it and runs;
// the other meets the unique (tenantId, key) and is answered from the row: the first answer replayed (same request),
// 422 (another request under the same key) or 409 (the first is still in flight). Answers are kept 24 hours:
// an expired row is replaced when its key comes again, and each tenant's expired rows are swept now and then.
import type { TenantContext } from "@/lib/core/tenant-context";
import { requestHash } from "./canonical-json";
import { completeIdempotencyKey, insertIdempotencyKey } from "./idempotency-sql";
import { problem, type Problem } from "./problem";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
const SWEEP_CHANCE = 0.01;

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export type IdempotencyOutcome =
  | { kind: "ran"; answer: ApiAnswer }
  | { kind: "replayed"; answer: ApiAnswer }
  | { kind: "refused"; problem: Problem };

/** Whether a client's key is usable: 1 to 255 visible ASCII characters (a UUID is a good choice). */
export function checkIdempotencyKey(key: string | null | undefined): Problem | null {
  if (key === null || key === undefined || key === "")
    return problem(
      "idempotency-key-required",
      "This request spends money: send an Idempotency-Key (a new UUID per intended request), and the same key when you retry it.",
    );
  if (!KEY_SHAPE.test(key))
    return problem("invalid-request", "An Idempotency-Key is 1 to 255 visible ASCII characters.");
  return null;
}

/**
 * Runs `work` once per (tenant, key): `work` returns the answer to keep, or throws (the thrown error's answer is then
 * made by `answerOf` and kept too: a request that reached its verb is never run again under its key).
 */
export async function runIdempotent(
  context: TenantContext,
  key: string | null | undefined,
  operation: string,
  body: unknown,
  work: () => Promise<ApiAnswer>,
  answerOf: (error: unknown) => ApiAnswer,
): Promise<IdempotencyOutcome> {
  const refused = checkIdempotencyKey(key);
  if (refused) return { kind: "refused", problem: refused };
  const idempotencyKey = key!;
  const hash = requestHash(operation, body);
  const now = new Date();
  if (Math.random() < SWEEP_CHANCE)
    await context.db.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } }).catch(() => undefined);
  const row = {
    key: idempotencyKey,
    operation,
    requestHash: hash,
    expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
  };
  let rowId = await insertIdempotencyKey(context, row);
  if (rowId === null) {
    // The key is taken: by an expired row (replace it, once) or by a live one (answer from it). Deleting only on a
    // conflict keeps the common case, a new key, to one statement.
    const expired = await context.db.idempotencyKey.deleteMany({
      where: { key: idempotencyKey, expiresAt: { lt: now } },
    });
    if (expired.count === 0) return answerFromExisting(context, idempotencyKey, operation, hash);
    rowId = await insertIdempotencyKey(context, row);
    if (rowId === null) return answerFromExisting(context, idempotencyKey, operation, hash);
  }

  let answer: ApiAnswer;
  try {
    answer = await work();
  } catch (error) {
    answer = answerOf(error);
  }
  await completeIdempotencyKey(context, rowId, answer);
  return { kind: "ran", answer };
}

async function answerFromExisting(
  context: TenantContext,
  key: string,
  operation: string,
  hash: string,
): Promise<IdempotencyOutcome> {
  const existing = await context.db.idempotencyKey.findFirst({ where: { key } });
  // Deleted between our insert and this read (expired and replaced): the client may simply retry.
  if (!existing)
    return {
      kind: "refused",
      problem: problem("idempotency-key-in-flight", "This Idempotency-Key was just being replaced: retry."),
    };
  if (existing.operation !== operation || existing.requestHash !== hash)
    return {
      kind: "refused",
      problem: problem(
        "idempotency-key-reused",
        "This Idempotency-Key was already used with a different request in the last 24 hours: use a new key for a new request.",
      ),
    };
  if (existing.responseStatus === null)
    return {
      kind: "refused",
      problem: problem(
        "idempotency-key-in-flight",
        "The first request with this Idempotency-Key is still being processed: retry in a moment to get its answer.",
      ),
    };
  return { kind: "replayed", answer: { status: existing.responseStatus, body: existing.responseBody } };
}
