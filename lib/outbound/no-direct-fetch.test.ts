// Every server-side call to TrueScreen, TrustedForm and the artifact URLs they return goes through the outbound
// guard: a bare fetch() in these folders would skip the address check, the pinning and the redirect refusal.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// lib/webhooks sends to tenants' own endpoints through its own guarded client (send-webhook.ts: public addresses
// checked by the connection's lookup, no redirects), so a bare fetch() there would skip that as well.
const GUARDED = [
  "lib/truescreen",
  "lib/trustedform",
  "lib/connections",
  "lib/certifications",
  "lib/claims",
  "lib/webhooks",
];

function productFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return productFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe("outbound calls", () => {
  it("no product module that talks to a service calls fetch() itself", () => {
    const offenders = GUARDED.flatMap((folder) => productFiles(path.resolve(folder))).filter((file) =>
      /(^|[^.\w])fetch\s*\(/m.test(fs.readFileSync(file, "utf8")),
    );
    expect(offenders.map((file) => path.relative(process.cwd(), file))).toEqual([]);
  });
});
