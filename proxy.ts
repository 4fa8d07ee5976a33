// Runs before every request (Next.js 16 proxy, on the Node.js runtime): a fresh nonce and the strict
// Content-Security-Policy built from it (lib/security-headers). The policy goes on the response for the browser,
// and on the request, where Next.js reads the nonce from it and puts it on its own scripts; `x-nonce` carries it
// for a server component that adds a script of its own. Pages render per request (app/layout.tsx), so each one
// carries the nonce of its own response.
import { NextResponse, type NextRequest } from "next/server";
import { config as certdeskConfig } from "@/lib/config";
import {
  browserUploadOrigins,
  buildContentSecurityPolicy,
} from "@/lib/security-headers/build-content-security-policy";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = buildContentSecurityPolicy({
    nonce,
    // Next.js fixes NODE_ENV at build time (development only under next dev); it is not configuration.
    dev: process.env.NODE_ENV === "development",
    connectOrigins: browserUploadOrigins(certdeskConfig()),
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  // Where the user was going, for the sign-in form to bring them back (app/_auth/require-member.ts). Set here so a
  // browser cannot choose it; the flight-request marker is not part of the page's address.
  const path = request.nextUrl.clone();
  path.searchParams.delete("_rsc");
  headers.set("x-certdesk-path", `${path.pathname}${path.search}`);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Static files have no scripts of their own to allow.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
