// Fault injection, configured per API key or account through the admin API. Deterministic knobs (failNext,
// dropNext) for tests, rates for soak runs.
import type { Context } from "hono";

export interface EndpointFaults {
  /** Probability 0..1 that a request answers a 5xx. */
  errorRate?: number;
  /** The next N requests answer a 5xx. */
  failNext?: number;
  /** Status of an injected 5xx (default 503). A 5xx from a gateway carries no problem document. */
  errorStatus?: number;
  /**
   * "before": the request is refused before it does anything (default).
   * "after": it is carried out (a certification is created, credits spent), then answers the 5xx, as when a
   * gateway times out after the backend has done the work.
   */
  errorWhen?: "before" | "after";
  /**
   * "gateway" (default): an HTML page without a problem document, as a load balancer answers.
   * "problem": the service's own 500 problem document (TrueScreen TS-000).
   */
  errorBody?: "gateway" | "problem";
  /** Probability 0..1 that the connection is dropped without an answer. */
  dropRate?: number;
  /** The next N connections are dropped without an answer. */
  dropNext?: number;
  /**
   * The work is done and paid for as usual (certification created, certificate claimed), then the success is answered
   * with this body (content type JSON) instead of the documented one: a shape Certdesk has never seen, as a changed
   * API or a rewriting proxy sends. TrueScreen create endpoints and TrustedForm `claim`.
   */
  answerBody?: string;
}

export interface CommonFaults {
  /** Added to every API request, in milliseconds. */
  latencyMs?: number;
  /** By endpoint name (see each sandbox's README section). */
  endpoints?: Record<string, EndpointFaults>;
}

export type FaultDecision =
  | { kind: "none" }
  | { kind: "drop" }
  | { kind: "error"; status: number; when: "before" | "after"; body: "gateway" | "problem" };

export function decideFault(faults: CommonFaults | undefined, endpoint: string): FaultDecision {
  const f = faults?.endpoints?.[endpoint];
  if (!f) return { kind: "none" };
  if ((f.dropNext ?? 0) > 0) {
    f.dropNext! -= 1;
    return { kind: "drop" };
  }
  if (f.dropRate && Math.random() < f.dropRate) return { kind: "drop" };
  const body = f.errorBody ?? "gateway";
  const status = f.errorStatus ?? (body === "problem" ? 500 : 503);
  const when = f.errorWhen ?? "before";
  if ((f.failNext ?? 0) > 0) {
    f.failNext! -= 1;
    return { kind: "error", status, when, body };
  }
  if (f.errorRate && Math.random() < f.errorRate) return { kind: "error", status, when, body };
  return { kind: "none" };
}

export async function addLatency(faults: CommonFaults | undefined): Promise<void> {
  if (faults?.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
}

/** Closes the TCP connection without writing a response (the client sees a reset / socket hang up). */
export function dropConnection(c: Context): Response {
  const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming;
  incoming?.socket?.destroy();
  return new Response(null, { status: 500 });
}

/** An unstructured gateway error, as a load balancer in front of the service would answer. */
export function gatewayError(status: number): Response {
  const text = status === 502 ? "Bad Gateway" : status === 504 ? "Gateway Timeout" : "Service Unavailable";
  return new Response(`<html><body><h1>${status} ${text}</h1></body></html>`, {
    status,
    headers: { "content-type": "text/html" },
  });
}
