import { describe, expect, it } from "vitest";
import { readConfig } from "@/lib/config";
import { parseOrigin, sandboxOriginsOf } from "./allowed-sandbox-origins";

describe("the deployment's sandbox origins", () => {
  it("default to the sandboxes npm start runs, and to none with CERTDESK_SANDBOX=off", () => {
    expect(sandboxOriginsOf(readConfig({}))).toEqual(["http://127.0.0.1:4010", "http://127.0.0.1:4020"]);
    expect(
      sandboxOriginsOf(
        readConfig({
          TRUESCREEN_SANDBOX_PORT: "5010",
          TRUSTEDFORM_SANDBOX_URL: "https://tf.sandbox.example/",
        }),
      ),
    ).toEqual(["http://127.0.0.1:5010", "https://tf.sandbox.example"]);
    expect(sandboxOriginsOf(readConfig({ CERTDESK_SANDBOX: "off" }))).toEqual([]);
  });

  it("take CERTDESK_SANDBOX_ORIGINS as written, normalised to origins, even with the built-in sandboxes off", () => {
    expect(
      sandboxOriginsOf(
        readConfig({
          CERTDESK_SANDBOX: "off",
          CERTDESK_SANDBOX_ORIGINS:
            " https://Sandbox.Example:443 , http://10.0.0.5:4010,http://10.0.0.5:4010",
        }),
      ),
    ).toEqual(["https://sandbox.example", "http://10.0.0.5:4010"]);
  });

  it("refuse an entry that is not a plain origin, naming it", () => {
    for (const entry of [
      "http://127.0.0.1:4010/v1",
      "http://user@127.0.0.1:4010",
      "ftp://x",
      "127.0.0.1:4010",
    ]) {
      expect(() => sandboxOriginsOf(readConfig({ CERTDESK_SANDBOX_ORIGINS: entry }))).toThrow(
        /must be a plain origin/,
      );
    }
    expect(parseOrigin("http://127.0.0.1:4010/?a")).toBeNull();
    expect(parseOrigin("http://127.0.0.1:4010#x")).toBeNull();
  });
});
