// The Content-Security-Policy of every response (set by proxy.ts with a fresh nonce per request). Scripts run only
// when they carry the nonce (Next.js adds it to its own) or were loaded by one that did ('strict-dynamic'); the
// browser connects only to this app and to the hosts it uploads files to (TrueScreen's presigned upload URLs, and
// the TrueScreen sandboxes this deployment allows). It still allows what the product needs: WebAssembly for
// hash-wasm ('wasm-unsafe-eval', not 'unsafe-eval'), hash workers from this origin or blob: URLs, and images from
// data: and blob: URLs (previews).
import type { Config } from "@/lib/config";
import { sandboxOriginsOf } from "@/lib/outbound/allowed-sandbox-origins";

/** TrueScreen's presigned upload URLs as its contract shows them (https://s3.amazonaws.com/<bucket>/...). */
export const DOCUMENTED_TRUESCREEN_UPLOAD_ORIGIN = "https://s3.amazonaws.com";

// A CSP host source: scheme, host (optionally one leading "*." label), optional port. Nothing that could end the
// directive (";", ",", spaces) or add a keyword.
const HOST_SOURCE = /^(https?):\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

function origins(variable: string, value: string): string[] {
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const source = entry.replace(/\/+$/, "");
      if (!HOST_SOURCE.test(source))
        throw new Error(
          `Invalid configuration: ${variable} must list origins such as https://uploads.example.com ` +
            `(comma-separated, no paths); "${entry}" is not one.`,
        );
      return source.toLowerCase();
    });
}

/** Where the browser may send bytes besides this app: TrueScreen's upload hosts and the allowed sandboxes'. */
export function browserUploadOrigins(c: Config): string[] {
  const upload = origins(
    "TRUESCREEN_UPLOAD_ORIGINS",
    c.TRUESCREEN_UPLOAD_ORIGINS ?? DOCUMENTED_TRUESCREEN_UPLOAD_ORIGIN,
  );
  // A sandbox answers presigned URLs on its own origin: the deployment's allowed sandboxes (parsed to plain origins,
  // so nothing in them can end the directive).
  const sandboxes = sandboxOriginsOf(c);
  return [...new Set([...upload, ...sandboxes])];
}

export function buildContentSecurityPolicy(options: {
  nonce: string;
  /** next dev: React's debugging needs eval, and styles are injected as inline <style> elements. */
  dev: boolean;
  connectOrigins: string[];
}): string {
  const nonce = `'nonce-${options.nonce}'`;
  const directives: Array<[string, string[]]> = [
    ["default-src", ["'self'"]],
    [
      "script-src",
      ["'self'", nonce, "'strict-dynamic'", "'wasm-unsafe-eval'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    ],
    ["worker-src", ["'self'", "blob:"]],
    ["connect-src", ["'self'", ...options.connectOrigins]],
    // Style elements carry the nonce; style attributes (a progress bar's width rendered on the server) cannot,
    // and can only restyle their own element, so they are allowed.
    ["style-src", options.dev ? ["'self'", "'unsafe-inline'"] : ["'self'", nonce]],
    ["style-src-attr", ["'unsafe-inline'"]],
    ["img-src", ["'self'", "data:", "blob:"]],
    ["font-src", ["'self'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ");
}
