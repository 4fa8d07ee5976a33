// The `route` label: the app's route pattern for any path a client sends, so the label set stays bounded.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRouteLabeler, readRoutePatterns, UNMATCHED_ROUTE } from "./route-label";

describe("route labels", () => {
  const label = createRouteLabeler([
    "/",
    "/claims",
    "/claims/new",
    "/claims/[id]",
    "/claims/batches/[id]/progress",
    "/api/auth/[...nextauth]",
    "/docs/[[...slug]]",
  ]);

  it("maps paths to their pattern, static segments before dynamic ones", () => {
    expect(label("/")).toBe("/");
    expect(label("/claims")).toBe("/claims");
    expect(label("/claims/")).toBe("/claims");
    expect(label("/claims/new")).toBe("/claims/new");
    expect(label("/claims/3f6c1a52-9c0e-4f43-b8a1-0d5b8b0d6a11")).toBe("/claims/[id]");
    expect(label("/claims/batches/abc/progress")).toBe("/claims/batches/[id]/progress");
    expect(label("/api/auth/callback/credentials")).toBe("/api/auth/[...nextauth]");
    expect(label("/docs")).toBe("/docs/[[...slug]]");
    expect(label("/docs/a/b")).toBe("/docs/[[...slug]]");
    expect(label("/_next/static/chunks/x.js")).toBe("/_next/static");
    expect(label("/_next/image")).toBe("/_next/image");
    expect(label("/metrics")).toBe("/metrics");
  });

  it("labels every unknown or hostile path `other`", () => {
    for (const hostile of [
      "/wp-admin",
      "/claims/a/b/c",
      "/claims/batches//progress",
      "/%2e%2e/etc/passwd",
      "/" + "x".repeat(5000),
      "/api/auth",
    ])
      expect(label(hostile)).toBe(UNMATCHED_ROUTE);
  });

  it("reads the patterns from the build manifest (or, without a build, the app folder), route groups left out", () => {
    const fromApp = readRoutePatterns(path.resolve("."));
    expect(fromApp).toEqual(expect.arrayContaining(["/login", "/api/health", "/api/ready", "/claims/[id]"]));
    expect(fromApp.some((pattern) => /[()@]/.test(pattern))).toBe(false);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "routes-"));
    fs.mkdirSync(path.join(dir, ".next"));
    fs.writeFileSync(
      path.join(dir, ".next", "app-path-routes-manifest.json"),
      JSON.stringify({ "/(auth)/login/page": "/login", "/(dashboard)/claims/[id]/page": "/claims/[id]" }),
    );
    expect(readRoutePatterns(dir).sort()).toEqual(["/claims/[id]", "/login"]);

    const source = fs.mkdtempSync(path.join(os.tmpdir(), "routes-src-"));
    for (const file of ["(auth)/login/page.tsx", "_auth/hidden/page.tsx", "api/ready/route.ts", "page.tsx"]) {
      fs.mkdirSync(path.dirname(path.join(source, "app", file)), { recursive: true });
      fs.writeFileSync(path.join(source, "app", file), "");
    }
    expect(readRoutePatterns(source).sort()).toEqual(["/", "/api/ready", "/login"]);
  });
});
