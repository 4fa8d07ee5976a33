// The TrustedForm claim call (trustedform-claim-api.md, api-facts.md): POST to the certificate URL with Basic
// auth as API, api-version 3.0 and a JSON body. A 201 means the claim happened and was billed, whatever its body
// holds: it is never turned into an error, its raw body is kept and read leniently (read-claim-response.ts). Every
// documented error status becomes a typed error with words a reviewer understands. GET of the same URL shows an
// earlier claim again, which is how an ambiguous failure is settled without claiming twice.
import { componentLogger } from "@/lib/log/logger";
import { outboundFetch, type OutboundInit } from "@/lib/outbound/outbound-fetch";
import { OutboundRefusedError } from "@/lib/outbound/outbound-errors";
import { readClaimResponse, type ClaimReading } from "./read-claim-response";

export type ScanTerm = string | { template: string; variables: Array<Record<string, string>> };

export interface ClaimRequest {
  email?: string[];
  phone?: string[];
  fingerprints?: string[];
  reference?: string;
  vendor?: string;
  requiredScanTerms?: ScanTerm[];
  forbiddenScanTerms?: ScanTerm[];
  scanDelimiter?: string;
}

/** A 2xx answer: the claim happened (or, for a view, had happened). `raw` is what TrustedForm sent, kept as is. */
export interface ClaimAnswer {
  status: number;
  /** The parsed JSON body, or its text when it was not JSON (at most MAX_RAW_CHARS). */
  raw: unknown;
  reading: ClaimReading;
}

/** Bodies longer than this are kept cut (a claim answer is a few kilobytes). */
export const MAX_RAW_CHARS = 200_000;

export type ClaimErrorKind =
  | "malformed_url"
  | "unauthorized"
  | "payment_required"
  | "not_found"
  | "sandboxed"
  | "claimed_too_often"
  | "claim_period_passed"
  | "unexpected";

export const CLAIM_ERROR_MESSAGES: Record<ClaimErrorKind, string> = {
  malformed_url: "TrustedForm says the certificate URL is malformed. Check the URL the publisher sent.",
  unauthorized: "TrustedForm refused the API key. An admin can check it in Settings > Connections.",
  payment_required:
    "The TrustedForm account is inactive or out of funds. Nothing was claimed; an admin must fix the account first.",
  not_found:
    "Certificate expired or unknown: TrustedForm has no claimable certificate at this URL (claims must happen within about 72 hours).",
  sandboxed: "This is a sandboxed test certificate: TrustedForm does not let it be claimed.",
  claimed_too_often: "Already claimed too many times: TrustedForm allows no more claims of this certificate.",
  claim_period_passed:
    "The claim period has passed: TrustedForm no longer lets this certificate be claimed (about 72 hours after the visit, or 90 days with extended claims). Nothing was claimed or billed.",
  unexpected: "TrustedForm answered in an unexpected way. Try again later.",
};

const KIND_BY_STATUS: Record<number, ClaimErrorKind> = {
  400: "malformed_url",
  401: "unauthorized",
  402: "payment_required",
  404: "not_found",
  405: "sandboxed",
  410: "claim_period_passed",
  422: "claimed_too_often",
};

export class TrustedFormClaimError extends Error {
  constructor(
    readonly kind: ClaimErrorKind,
    readonly status: number,
  ) {
    super(
      kind === "unexpected"
        ? `${CLAIM_ERROR_MESSAGES.unexpected} (HTTP ${status})`
        : CLAIM_ERROR_MESSAGES[kind],
    );
    this.name = "TrustedFormClaimError";
  }
}

/** The request provably never reached the service: nothing can have been claimed, so it is safe to send again. */
export class ClaimNotSentError extends Error {
  constructor(cause: unknown) {
    super("TrustedForm could not be reached; nothing was sent.", { cause });
    this.name = "ClaimNotSentError";
  }
}

/** Sent, but no answer came back: the claim may or may not have happened. */
export class ClaimOutcomeUnknownError extends Error {
  constructor(cause: unknown) {
    super("No answer came back from TrustedForm; the claim may have happened.", { cause });
    this.name = "ClaimOutcomeUnknownError";
  }
}

export const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function headers(apiKey: string, json: boolean): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(`API:${apiKey}`).toString("base64")}`,
    accept: "application/json",
    "api-version": "3.0",
    ...(json ? { "content-type": "application/json" } : {}),
  };
}

export function claimBody(request: ClaimRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  (request.email ?? []).forEach(
    (email, index) => (body[index === 0 ? "email" : `email_${index + 1}`] = email),
  );
  (request.phone ?? []).forEach((phone, index) => (body[`phone_${index + 1}`] = phone));
  // The parameter is `fingerprint`, hex SHA-1 values, one string or a list: see sandbox/README.md, "Fingerprints".
  if (request.fingerprints?.length)
    body.fingerprint = request.fingerprints.length === 1 ? request.fingerprints[0] : request.fingerprints;
  if (request.reference) body.reference = request.reference;
  if (request.vendor) body.vendor = request.vendor;
  if (request.requiredScanTerms?.length) body.required_scan_terms = request.requiredScanTerms;
  if (request.forbiddenScanTerms?.length) body.forbidden_scan_terms = request.forbiddenScanTerms;
  if (request.scanDelimiter) body.scan_delimiter = request.scanDelimiter;
  return body;
}

export async function send(url: string, init: OutboundInit, timeoutMs: number): Promise<Response> {
  try {
    return await outboundFetch(url, {
      service: "trustedform",
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // The guard sent nothing (the target is not allowed): not a network failure to retry.
    if (error instanceof OutboundRefusedError) throw error;
    const code = (error as { cause?: { code?: string } })?.cause?.code;
    if (code && NEVER_SENT.has(code)) throw new ClaimNotSentError(error);
    throw new ClaimOutcomeUnknownError(error);
  }
}

export async function readBody(response: Response): Promise<unknown> {
  const text = (await response.text().catch(() => "")).slice(0, MAX_RAW_CHARS);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function parse(response: Response, okStatus: number): Promise<ClaimAnswer> {
  // A 5xx (often a gateway timing out) says nothing about whether the claim happened behind it.
  if (response.status >= 500) {
    await response.body?.cancel();
    throw new ClaimOutcomeUnknownError(new Error(`HTTP ${response.status}`));
  }
  // Any 2xx to a claim means it was made; TrustedForm documents 201 (200 for a view).
  if (response.status === okStatus || (response.status >= 200 && response.status < 300)) {
    const raw = await readBody(response);
    const reading = readClaimResponse(raw);
    if (reading.unreadable.length)
      componentLogger("trustedform").warn(
        { status: response.status, fields: reading.unreadable.map((line) => line.split(":")[0]) },
        "TrustedForm answered with fields Certdesk could not read",
      );
    return { status: response.status, raw, reading };
  }
  await response.body?.cancel();
  throw new TrustedFormClaimError(KIND_BY_STATUS[response.status] ?? "unexpected", response.status);
}

/** `url` must come from parseCertificateUrl: this function trusts it. */
export async function claimCertificate(
  url: string,
  apiKey: string,
  request: ClaimRequest,
  timeoutMs = 30_000,
): Promise<ClaimAnswer> {
  const response = await send(
    url,
    { method: "POST", headers: headers(apiKey, true), body: JSON.stringify(claimBody(request)) },
    timeoutMs,
  );
  return parse(response, 201);
}

/** The account's earlier claim of this certificate, or null when it has none (404). Never claims. */
export async function viewClaim(
  url: string,
  apiKey: string,
  timeoutMs = 15_000,
): Promise<ClaimAnswer | null> {
  const response = await send(url, { method: "GET", headers: headers(apiKey, false) }, timeoutMs);
  if (response.status === 404) {
    await response.body?.cancel();
    return null;
  }
  return parse(response, 200);
}
