import { describe, expect, it } from "vitest";
import { clientIpFromSocket, normalizeAddress } from "./client-ip-from-socket";

const rule = (socketAddress: string, forwardedFor: string | string[] | undefined, trustedProxyHops: number) =>
  clientIpFromSocket({ socketAddress, forwardedFor, trustedProxyHops });

describe("clientIpFromSocket", () => {
  it("with 0 hops (the default) uses the socket, whatever the headers say", () => {
    expect(rule("198.51.100.7", undefined, 0)).toBe("198.51.100.7");
    expect(rule("198.51.100.7", "203.0.113.1", 0)).toBe("198.51.100.7");
    expect(rule("::ffff:127.0.0.1", "10.0.0.1, 203.0.113.1", 0)).toBe("127.0.0.1");
    expect(rule("::1", ["203.0.113.1", "203.0.113.2"], 0)).toBe("::1");
  });

  it("with 1 hop takes the entry the proxy appended (the last), never one the client wrote before it", () => {
    expect(rule("10.0.0.2", "198.51.100.7", 1)).toBe("198.51.100.7");
    // The client sent "X-Forwarded-For: 203.0.113.66"; the proxy appended the real address.
    expect(rule("10.0.0.2", "203.0.113.66, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(rule("10.0.0.2", "203.0.113.66,198.51.100.7:51234", 1)).toBe("198.51.100.7");
    expect(rule("10.0.0.2", "203.0.113.66, [2001:db8::7]:443", 1)).toBe("2001:db8::7");
    // Several header lines count as one list, in order.
    expect(rule("10.0.0.2", ["203.0.113.66", "198.51.100.7"], 1)).toBe("198.51.100.7");
  });

  it("with 2 hops takes the second entry from the right", () => {
    expect(rule("10.0.0.3", "198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(rule("10.0.0.3", "203.0.113.66, 203.0.113.67, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("falls back to the socket when the header has fewer entries than trusted hops", () => {
    expect(rule("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(rule("10.0.0.2", "", 1)).toBe("10.0.0.2");
    expect(rule("10.0.0.2", " , ,", 1)).toBe("10.0.0.2");
    expect(rule("10.0.0.3", "198.51.100.7", 2)).toBe("10.0.0.3");
  });

  it("never returns text that is not an address (hostile entries fall back to the socket)", () => {
    expect(rule("10.0.0.2", "198.51.100.7, victim.example", 1)).toBe("10.0.0.2");
    expect(rule("10.0.0.2", "' or 1=1 --", 1)).toBe("10.0.0.2");
    expect(rule("10.0.0.2", "unknown", 1)).toBe("10.0.0.2");
    expect(rule("10.0.0.2", `${"1".repeat(5000)}`, 1)).toBe("10.0.0.2");
    expect(rule("10.0.0.2", "999.1.1.1", 1)).toBe("10.0.0.2");
  });
});

describe("normalizeAddress", () => {
  it("strips the IPv4-mapped prefix, brackets and ports, and refuses non-addresses", () => {
    expect(normalizeAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("[2001:DB8::1]:8080")).toBe("2001:db8::1");
    expect(normalizeAddress("192.0.2.1:80")).toBe("192.0.2.1");
    expect(normalizeAddress("192.0.2.1:80:80")).toBeNull();
    expect(normalizeAddress("localhost")).toBeNull();
    expect(normalizeAddress(undefined)).toBeNull();
  });
});
