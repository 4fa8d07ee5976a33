// The TrustedForm 4.0 call (trustedform-v4.md): POST to the certificate URL with Basic auth as API, the header
// `api-version: 4.0` and a JSON body of operations (build-v4-request.ts). The money rule: any 2xx means the work was
// done and billed, whatever its body (4.0 answers 200 for success and for failure), so it is never turned into an
// error; its raw body is kept and read leniently (read-v4-response.ts). A timeout or a dropped connection, and a 5xx,
// leave the outcome unknown (ClaimOutcomeUnknownError): the caller must never send it again automatically, because
// no documented way exists to look a 4.0 result up afterwards (sandbox/README.md). Other statuses keep the older
// API's meanings and become typed errors with words a reviewer understands.
import { componentLogger } from "@/lib/log/logger";
import {
  ClaimNotSentError,
  ClaimOutcomeUnknownError,
  MAX_RAW_CHARS,
  readBody,
  send,
} from "../claim-certificate";
import { buildV4Body, type V4Body, type V4Request } from "./build-v4-request";
import { readV4Response, type V4Reading } from "./read-v4-response";

export { ClaimNotSentError, ClaimOutcomeUnknownError, MAX_RAW_CHARS };

export interface V4Answer {
  status: number;
  /** The parsed JSON body, or its text when it was not JSON (at most MAX_RAW_CHARS). */
  raw: unknown;
  reading: V4Reading;
  /** The body that was sent: fingerprints, never raw contact data unless the caller asked for it. */
  sent: V4Body;
}

export type V4ErrorKind =
  | "bad_request"
  | "unauthorized"
  | "payment_required"
  | "operation_unavailable"
  | "not_found"
  | "sandboxed"
  | "claim_period_passed"
  | "unprocessable"
  | "unexpected";

export const V4_ERROR_MESSAGES: Record<V4ErrorKind, string> = {
  bad_request:
    "TrustedForm says the request is malformed (the certificate URL or the request body). Nothing was done or billed.",
  unauthorized: "TrustedForm refused the API key. An admin can check it in Settings > Connections.",
  payment_required:
    "The TrustedForm account is inactive or out of funds. Nothing was done; an admin must fix the account first.",
  operation_unavailable:
    "The TrustedForm account's plan does not include an operation this request asked for. Nothing was done; an admin can change the policy or the plan.",
  not_found:
    "Certificate expired or unknown: TrustedForm has no certificate at this URL that can still be acted on (90 days after a lead, 3 days when no lead was submitted).",
  sandboxed: "This is a sandboxed test certificate: TrustedForm does not let it be retained.",
  claim_period_passed:
    "The certificate's time has passed: TrustedForm no longer lets it be acted on. Nothing was done or billed.",
  unprocessable:
    "TrustedForm refused the request as invalid (for example retain without lead matching) or the certificate has been claimed too many times. Nothing was done.",
  unexpected: "TrustedForm answered in an unexpected way. Try again later.",
};

const KIND_BY_STATUS: Record<number, V4ErrorKind> = {
  400: "bad_request",
  401: "unauthorized",
  402: "payment_required",
  403: "operation_unavailable",
  404: "not_found",
  405: "sandboxed",
  410: "claim_period_passed",
  422: "unprocessable",
};

export class TrustedFormV4Error extends Error {
  constructor(
    readonly kind: V4ErrorKind,
    readonly status: number,
  ) {
    super(
      kind === "unexpected" ? `${V4_ERROR_MESSAGES.unexpected} (HTTP ${status})` : V4_ERROR_MESSAGES[kind],
    );
    this.name = "TrustedFormV4Error";
  }
}

/** The request was refused by Certdesk before sending (build-v4-request.ts): nothing left, nothing billed. */
export class V4RequestInvalidError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "V4RequestInvalidError";
  }
}

export function v4Headers(apiKey: string): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(`API:${apiKey}`).toString("base64")}`,
    accept: "application/json",
    "content-type": "application/json",
    "api-version": "4.0",
  };
}

/**
 * Runs the operations of `request` on one certificate. `url` must come from parseCertificateUrl (the same URL rule
 * as 3.0): this function trusts it. Throws V4RequestInvalidError (nothing sent), ClaimNotSentError (nothing reached
 * the service: safe to send again), ClaimOutcomeUnknownError (sent, no answer: never send again automatically),
 * TrustedFormV4Error (a documented refusal: nothing done), or the outbound guard's refusal.
 */
export async function claimCertificateV4(
  url: string,
  apiKey: string,
  request: V4Request,
  timeoutMs = 30_000,
): Promise<V4Answer> {
  const built = buildV4Body(request);
  if (!built.ok) throw new V4RequestInvalidError(built.reason);
  const response = await send(
    url,
    { method: "POST", headers: v4Headers(apiKey), body: JSON.stringify(built.body) },
    timeoutMs,
  );
  // A 5xx (often a gateway timing out) says nothing about whether the work happened behind it.
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new ClaimOutcomeUnknownError(new Error(`HTTP ${response.status}`));
  }
  if (response.status >= 200 && response.status < 300) {
    const raw = await readBody(response);
    const reading = readV4Response(raw);
    if (reading.unreadable.length)
      componentLogger("trustedform").warn(
        { status: response.status, fields: reading.unreadable.map((line) => line.split(":")[0]) },
        "TrustedForm 4.0 answered with fields Certdesk could not read",
      );
    return { status: response.status, raw, reading, sent: built.body };
  }
  await response.body?.cancel();
  throw new TrustedFormV4Error(KIND_BY_STATUS[response.status] ?? "unexpected", response.status);
}
