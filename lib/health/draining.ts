// Whether this process is shutting down: set by Certdesk's HTTP server on SIGTERM (scripts/lib/web-server.ts), read
// by /api/ready, which then answers 503 so that a load balancer stops sending here while in-flight requests finish.
// Kept on globalThis: the web server (tsx) and the route (Next.js's bundle) are two copies of this module.
const KEY = Symbol.for("certdesk.draining");
const holder = globalThis as typeof globalThis & { [KEY]?: boolean };

export function markDraining(): void {
  holder[KEY] = true;
}

export function isDraining(): boolean {
  return holder[KEY] === true;
}
