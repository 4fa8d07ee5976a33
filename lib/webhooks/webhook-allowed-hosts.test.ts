import { afterEach, describe, expect, it } from "vitest";
import { reloadConfig } from "@/lib/config";
import { isAllowedWebhookHost, parseAllowedWebhookHosts } from "./webhook-allowed-hosts";

afterEach(() => {
  delete process.env.CERTDESK_WEBHOOK_ALLOWED_HOSTS;
  reloadConfig();
});

describe("CERTDESK_WEBHOOK_ALLOWED_HOSTS", () => {
  it("reads host names and addresses, with or without a port, in the URL parser's spelling", () => {
    expect(parseAllowedWebhookHosts(undefined)).toEqual([]);
    expect(parseAllowedWebhookHosts(" Hooks.Internal , 127.0.0.1:3154,[::1]:8443, 127.1 ")).toEqual([
      { host: "hooks.internal", port: null },
      { host: "127.0.0.1", port: 3154 },
      { host: "::1", port: 8443 },
      { host: "127.0.0.1", port: null },
    ]);
  });

  it("refuses an entry that is not a plain host, naming it", () => {
    for (const entry of [
      "https://hooks.internal",
      "hooks.internal/path",
      "user@hooks.internal",
      "a b",
      "[zz]:1",
    ])
      expect(() => parseAllowedWebhookHosts(entry), entry).toThrow(/must be a host name or address/);
  });

  it("matches the URL's host and port exactly: no suffix, prefix, userinfo or other-port tricks", () => {
    process.env.CERTDESK_WEBHOOK_ALLOWED_HOSTS = "hooks.internal,127.0.0.1:3154";
    reloadConfig();
    const allowed = (url: string) => isAllowedWebhookHost(new URL(url));
    expect(allowed("http://hooks.internal/x")).toBe(true);
    expect(allowed("https://HOOKS.internal:9999/x")).toBe(true);
    expect(allowed("http://127.0.0.1:3154/")).toBe(true);
    expect(allowed("http://2130706433:3154/")).toBe(true); // the same address, spelled otherwise
    expect(allowed("http://127.0.0.1:3155/")).toBe(false);
    expect(allowed("http://127.0.0.1/")).toBe(false);
    expect(allowed("http://hooks.internal.evil.example/")).toBe(false);
    expect(allowed("http://evilhooks.internal/")).toBe(false);
    expect(allowed("http://localhost:3154/")).toBe(false);
  });
});
