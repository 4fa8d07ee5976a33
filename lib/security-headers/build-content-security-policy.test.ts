import { describe, expect, it } from "vitest";
import { readConfig } from "@/lib/config";
import { browserUploadOrigins, buildContentSecurityPolicy } from "./build-content-security-policy";

const directives = (policy: string) =>
  new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );

describe("buildContentSecurityPolicy", () => {
  const policy = directives(
    buildContentSecurityPolicy({
      nonce: "abc123==",
      dev: false,
      connectOrigins: ["https://s3.amazonaws.com"],
    }),
  );

  it("allows only nonce-carrying scripts (and what they load), WebAssembly but no eval", () => {
    expect(policy.get("script-src")).toEqual([
      "'self'",
      "'nonce-abc123=='",
      "'strict-dynamic'",
      "'wasm-unsafe-eval'",
    ]);
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
    expect(policy.get("script-src")).not.toContain("'unsafe-eval'");
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
  });

  it("locks down framing, plugins, base and form targets, and connections", () => {
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("worker-src")).toEqual(["'self'", "blob:"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(policy.get("connect-src")).toEqual(["'self'", "https://s3.amazonaws.com"]);
  });

  it("under next dev allows eval and inline styles, which React's development build needs", () => {
    const dev = directives(buildContentSecurityPolicy({ nonce: "n", dev: true, connectOrigins: [] }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe("browserUploadOrigins", () => {
  it("defaults to TrueScreen's documented upload host and the sandboxes npm start runs", () => {
    expect(browserUploadOrigins(readConfig({ TRUESCREEN_SANDBOX_PORT: "4210" }))).toEqual([
      "https://s3.amazonaws.com",
      "http://127.0.0.1:4210",
      "http://127.0.0.1:4020",
    ]);
    expect(browserUploadOrigins(readConfig({ CERTDESK_SANDBOX: "off" }))).toEqual([
      "https://s3.amazonaws.com",
    ]);
  });

  it("takes the deployment's upload hosts and sandbox origins", () => {
    expect(
      browserUploadOrigins(
        readConfig({
          TRUESCREEN_UPLOAD_ORIGINS:
            "https://uploads.truescreen.example, https://*.s3.eu-west-1.amazonaws.com/",
          CERTDESK_SANDBOX_ORIGINS: "http://sandbox.internal:4010,http://127.0.0.1:4010",
        }),
      ),
    ).toEqual([
      "https://uploads.truescreen.example",
      "https://*.s3.eu-west-1.amazonaws.com",
      "http://sandbox.internal:4010",
      "http://127.0.0.1:4010",
    ]);
  });

  it.each([
    "https://ok.example; script-src *",
    "https://ok.example 'unsafe-inline'",
    "*",
    "https:",
    "https://ok.example/path",
    "javascript:alert(1)",
  ])("refuses %j instead of writing it into the policy", (value) => {
    expect(() => browserUploadOrigins(readConfig({ TRUESCREEN_UPLOAD_ORIGINS: value }))).toThrow(
      /TRUESCREEN_UPLOAD_ORIGINS/,
    );
  });
});
